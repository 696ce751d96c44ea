import { z } from 'zod';
import { defineContract, reply, trusted } from '../contract';
import { afterLookup } from '../contract';
import { webConversationsSchema, webRenameSchema } from '../dto/console.dto';
import {
  annotationListSchema,
  annotationReplySchema,
  annotationSchema,
  feedbackSchema,
  listConversationsSchema,
  listMessagesSchema,
  renameConversationSchema,
} from '../dto/service-api.dto';
import { FileLocation, SpeechReply, StoredUpload } from '../dto/stored-upload';
import { scoped, withEndUser } from '../envelopes';
import { Services } from '../services';
import { CallerIdentity } from '../sse';
import { generateRequestSchema, stopRequestSchema } from './generation.schemas';
import { appFeedbacksQuerySchema, ttsSchema } from './service-api.schemas';

/** Service API and Web API messages of chat and completion apps, answered by the chat service. */
export const ChatContracts = {
  /** Streaming replies are a stream of SSE event bodies; blocking replies are one JSON body. */
  generate: defineContract('chat.generate', Services.chat, generateRequestSchema),
  stop: defineContract('chat.stop', Services.chat, stopRequestSchema),
  messages: defineContract('chat.messages.list', Services.chat, withEndUser(scoped({ query: listMessagesSchema }))),
  feedback: defineContract('chat.messages.feedback', Services.chat, withEndUser(scoped({ body: feedbackSchema }))),
  suggested: defineContract('chat.messages.suggested', Services.chat, withEndUser(scoped())),
  conversations: defineContract('chat.conversations.list', Services.chat, withEndUser(scoped({ query: listConversationsSchema }))),
  conversationsPaged: defineContract('chat.conversations.paged', Services.chat, scoped({ query: webConversationsSchema })),
  conversationDelete: defineContract('chat.conversations.delete', Services.chat, withEndUser(scoped())),
  conversationRename: defineContract('chat.conversations.rename', Services.chat, withEndUser(scoped({ body: renameConversationSchema }))),
  /** The web app's rename: its caller is the passport's session; a name or auto_generate, no `user`. */
  webConversationRename: defineContract('chat.conversations.rename.web', Services.chat, scoped({ body: webRenameSchema })),
  /** The web app's pin / unpin: the gateway sets `pinned` from the route. */
  conversationPin: defineContract('chat.conversations.pin', Services.chat, scoped({ body: z.object({ pinned: z.boolean() }) })),
  parameters: defineContract('chat.app.parameters', Services.chat, scoped()),
  info: defineContract('chat.app.info', Services.chat, scoped()),
  site: defineContract('chat.app.site', Services.chat, scoped()),
  meta: defineContract('chat.app.meta', Services.chat, scoped()),
  appFeedbacks: defineContract('chat.app.feedbacks', Services.chat, scoped({ query: appFeedbacksQuerySchema })),
  endUser: defineContract('chat.end-users.get', Services.chat, scoped()),
  fileCreate: defineContract(
    'chat.files.create',
    Services.chat,
    z.object({ caller: trusted<CallerIdentity | { tenantId: string; accountId: string }>('caller'), upload: trusted<StoredUpload>('upload') }),
    reply<{ id: string }>(),
  ),
  /** The gateway stores the uploaded audio and hands over where it is. */
  audioToText: defineContract('chat.audio.to-text', Services.chat, scoped().extend({ upload: trusted<StoredUpload>('upload') })),
  textToAudio: defineContract('chat.audio.to-speech', Services.chat, scoped({ body: ttsSchema }), reply<SpeechReply>()),
  annotationsList: defineContract('chat.annotations.list', Services.chat, scoped({ query: annotationListSchema })),
  annotationCreate: defineContract('chat.annotations.create', Services.chat, scoped({ body: annotationSchema })),
  annotationUpdate: defineContract('chat.annotations.update', Services.chat, scoped({ body: annotationSchema })),
  annotationDelete: defineContract('chat.annotations.delete', Services.chat, scoped()),
  /** The action is checked first, and `disable` reads no body. */
  annotationReply: defineContract('chat.annotations.reply', Services.chat, scoped({ body: afterLookup(annotationReplySchema) })),
  annotationReplyStatus: defineContract('chat.annotations.reply-status', Services.chat, scoped()),
  fileDescribe: defineContract('chat.files.describe', Services.chat, scoped(), reply<FileLocation>()),
};
