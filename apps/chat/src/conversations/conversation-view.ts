import { Conversation } from '@sluice/database';

export function conversationView(c: Conversation) {
  return {
    id: c.id,
    name: c.name,
    inputs: c.inputs,
    status: c.status,
    introduction: c.introduction,
    created_at: Math.floor(c.createdAt.getTime() / 1000),
    updated_at: Math.floor(c.updatedAt.getTime() / 1000),
  };
}
