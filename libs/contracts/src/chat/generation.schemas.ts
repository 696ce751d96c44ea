import { z } from 'zod';
import { afterLookup, clientInput } from '../contract';
import { modelConfigSchema } from '../dto/console.dto';
import { chatMessageSchema, completionMessageSchema } from '../dto/service-api.dto';
import { callerSchema } from '../envelopes';

/**
 * The debugger's unsaved `model_config`: checked once the app is found runnable, as a saved one
 * would be (fields named as in the config).
 */
export const debugModelConfig = afterLookup(modelConfigSchema);

const runFlags = {
  caller: callerSchema,
  streaming: z.boolean().default(false),
  /**
   * The console's preview (Dify's debugger): the account chats with the app, citations say `dev`,
   * and an unsaved `model_config` from the editor may stand in for the saved one.
   */
  debug: z.object({ modelConfig: debugModelConfig.optional() }).optional(),
  draft: z.boolean().optional(),
};

export const generateRequestSchema = z.discriminatedUnion('kind', [
  z.object({ ...runFlags, kind: z.literal('chat'), body: clientInput(chatMessageSchema) }),
  z.object({ ...runFlags, kind: z.literal('completion'), body: clientInput(completionMessageSchema) }),
]);
export type GenerateRequest = z.output<typeof generateRequestSchema>;

export const stopRequestSchema = z.object({ caller: callerSchema, taskId: z.string() });
export type StopRequest = z.output<typeof stopRequestSchema>;
