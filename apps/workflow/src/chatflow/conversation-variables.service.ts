import { Injectable } from '@nestjs/common';
import { BadRequestError, CallerIdentity, ContractPayloadOf, NotChatAppError, NotFoundError, WorkflowContracts, isUuid } from '@sluice/contracts';
import { ChatflowRepository } from '@sluice/database';
import { EndUserRepository } from '@sluice/database';
import { WorkflowRepository } from '../workflows/workflow.repository';

interface VarSpec {
  id?: string;
  name: string;
  value_type?: string;
  value?: unknown;
  description?: string;
}

/** `GET/PUT /v1/conversations/{id}/variables`: a chatflow conversation's variables, typed as declared. */
@Injectable()
export class ConversationVariablesService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly turns: ChatflowRepository,
    private readonly endUsers: EndUserRepository,
  ) {}

  async list(caller: CallerIdentity, conversationId: string, q: ContractPayloadOf<typeof WorkflowContracts.variablesList>['query']) {
    const { specs, conv } = await this.load(caller, conversationId);
    let rows = specs.map((s) => this.view(s, conv.variables, conv));
    if (q.variable_name) rows = rows.filter((r) => r.name === q.variable_name);
    if (q.last_id) rows = rows.slice(rows.findIndex((r) => r.id === q.last_id) + 1);
    return { limit: q.limit, has_more: rows.length > q.limit, data: rows.slice(0, q.limit) };
  }

  async update(caller: CallerIdentity, conversationId: string, varId: string, { value }: ContractPayloadOf<typeof WorkflowContracts.variablesUpdate>['body']) {
    const { specs, conv } = await this.load(caller, conversationId);
    const spec = specs.find((s) => (s.id ?? s.name) === varId || s.name === varId);
    if (!spec) throw new NotFoundError('Conversation variable not found.');
    if (!matches(spec.value_type, value))
      throw new BadRequestError(`Type mismatch: ${spec.name} is ${spec.value_type}, got ${Array.isArray(value) ? 'array' : typeof value}.`);
    const next = { ...conv.variables, [spec.name]: value };
    await this.turns.setVariables(conv.id, next);
    return this.view(spec, next, { createdAt: conv.createdAt, updatedAt: new Date() });
  }

  private async load(caller: CallerIdentity, conversationId: string) {
    const app = await this.workflows.app(caller.tenantId, caller.appId);
    if (!app) throw new NotFoundError('App not found.');
    if (app.mode !== 'advanced-chat') throw new NotChatAppError();
    // A read must not create the end user.
    const endUserId = await this.endUsers.find(app.id, caller.userType, caller.sessionId);
    const conv = endUserId && isUuid(conversationId) ? await this.turns.conversation(app.id, endUserId, conversationId) : null;
    if (!conv) throw new NotFoundError('Conversation Not Exists.');
    const workflow = app.workflowId ? await this.workflows.byId(app.workflowId) : null;
    return { specs: (workflow?.conversationVariables ?? []) as VarSpec[], conv };
  }

  /** Values live on the conversation, so a variable's times are the conversation's. */
  private view(s: VarSpec, values: Record<string, unknown>, at: { createdAt: Date; updatedAt: Date }) {
    return {
      id: s.id ?? s.name,
      name: s.name,
      value_type: s.value_type ?? 'string',
      value: s.name in values ? values[s.name] : (s.value ?? null),
      description: s.description ?? '',
      created_at: Math.floor(new Date(at.createdAt).getTime() / 1000),
      updated_at: Math.floor(new Date(at.updatedAt).getTime() / 1000),
    };
  }
}

function matches(type: string | undefined, v: unknown): boolean {
  switch (type) {
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'string':
    case undefined:
      return typeof v === 'string';
    default:
      return type.startsWith('array') ? Array.isArray(v) : true;
  }
}
