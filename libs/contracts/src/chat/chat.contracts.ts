import { z } from 'zod';
import { defineContract, reply, trusted } from '../contract';
import { scoped } from '../envelopes';
import { Services } from '../services';
import { FileLocation, SpeechReply, StoredUpload } from '../dto/stored-upload';
import { CallerIdentity } from '../sse';
import { generateRequestSchema, stopRequestSchema } from './generation.schemas';

/** Service API and Web API messages of chat and completion apps, answered by the chat service. */
export const ChatContracts = {
  /** Streaming replies are a stream of SSE event bodies; blocking replies are one JSON body. */
  generate: defineContract('chat.generate', Services.chat, generateRequestSchema),
  stop: defineContract('chat.stop', Services.chat, stopRequestSchema),
  messages: defineContract('chat.messages.list', Services.chat, scoped()),
  feedback: defineContract('chat.messages.feedback', Services.chat, scoped()),
  suggested: defineContract('chat.messages.suggested', Services.chat, scoped()),
  conversations: defineContract('chat.conversations.list', Services.chat, scoped()),
  conversationsPaged: defineContract('chat.conversations.paged', Services.chat, scoped()),
  conversationDelete: defineContract('chat.conversations.delete', Services.chat, scoped()),
  conversationRename: defineContract('chat.conversations.rename', Services.chat, scoped()),
  conversationPin: defineContract('chat.conversations.pin', Services.chat, scoped()),
  parameters: defineContract('chat.app.parameters', Services.chat, scoped()),
  info: defineContract('chat.app.info', Services.chat, scoped()),
  site: defineContract('chat.app.site', Services.chat, scoped()),
  meta: defineContract('chat.app.meta', Services.chat, scoped()),
  appFeedbacks: defineContract('chat.app.feedbacks', Services.chat, scoped()),
  endUser: defineContract('chat.end-users.get', Services.chat, scoped()),
  fileCreate: defineContract('chat.files.create', Services.chat, z.object({ caller: trusted<CallerIdentity | { tenantId: string; accountId: string }>('caller'), upload: trusted<StoredUpload>('upload') }), reply<{ id: string }>()),
  audioToText: defineContract('chat.audio.to-text', Services.chat, scoped()),
  textToAudio: defineContract('chat.audio.to-speech', Services.chat, scoped(), reply<SpeechReply>()),
  annotationsList: defineContract('chat.annotations.list', Services.chat, scoped()),
  annotationCreate: defineContract('chat.annotations.create', Services.chat, scoped()),
  annotationUpdate: defineContract('chat.annotations.update', Services.chat, scoped()),
  annotationDelete: defineContract('chat.annotations.delete', Services.chat, scoped()),
  annotationReply: defineContract('chat.annotations.reply', Services.chat, scoped()),
  annotationReplyStatus: defineContract('chat.annotations.reply-status', Services.chat, scoped()),
  fileDescribe: defineContract('chat.files.describe', Services.chat, scoped(), reply<FileLocation>()),
};
