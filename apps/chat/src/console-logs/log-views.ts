import { ConversationLogRow, FeedbackLogRow, MessageLogRow } from '@sluice/database';

const unix = (d: Date | null) => (d ? Math.floor(new Date(d).getTime() / 1000) : null);

/**
 * Dify's `from_source`: `console` for a console account (the preview chat), `api` for the
 * Service API's and the web app's end users; the account or end user it names.
 */
function origin(r: { end_user_id: string; user_type: string; session_id: string; account_name?: string | null }) {
  const console = r.user_type === 'account';
  return {
    from_source: console ? 'console' : 'api',
    from_end_user_id: console ? null : r.end_user_id,
    from_end_user_session_id: console ? null : r.session_id,
    from_account_id: console ? r.session_id : null,
    from_account_name: console ? (r.account_name ?? null) : null,
  };
}

function feedbackStats(r: ConversationLogRow) {
  return {
    user_feedback_stats: { like: r.user_like ?? 0, dislike: r.user_dislike ?? 0 },
    admin_feedback_stats: { like: r.admin_like ?? 0, dislike: r.admin_dislike ?? 0 },
  };
}

/** One row of the chat logs list (Dify's conversation_with_summary fields). */
export function conversationLogView(r: ConversationLogRow) {
  return {
    id: r.id,
    status: r.status,
    ...origin(r),
    name: r.name,
    summary: r.first_query ?? r.name,
    introduction: r.introduction,
    inputs: r.inputs,
    read_at: null,
    annotated: false,
    message_count: r.message_count,
    ...feedbackStats(r),
    created_at: unix(r.created_at),
    updated_at: unix(r.updated_at),
  };
}

/** One row of the completion logs list: the message is the conversation (completion apps keep none). */
export function completionLogView(r: MessageLogRow & ConversationLogRow) {
  return {
    id: r.id,
    status: r.status,
    ...origin(r),
    read_at: null,
    annotated: false,
    message: {
      id: r.id,
      inputs: r.inputs,
      query: r.query,
      message: [],
      answer: r.answer,
      message_tokens: r.message_tokens,
      answer_tokens: r.answer_tokens,
      provider_response_latency: r.latency,
    },
    ...feedbackStats(r),
    created_at: unix(r.created_at),
    updated_at: unix(r.created_at),
  };
}

/** A message as the console's log drawer and the preview's history read it: tokens, latency, feedback, citations. */
export function messageLogView(m: MessageLogRow, feedbacks: FeedbackLogRow[]) {
  const latency = Number(m.latency ?? 0);
  return {
    id: m.id,
    conversation_id: m.conversation_id,
    parent_message_id: m.parent_message_id,
    inputs: m.inputs,
    query: m.query,
    message: [],
    message_tokens: m.message_tokens,
    answer: m.answer,
    answer_tokens: m.answer_tokens,
    provider_response_latency: latency,
    total_price: String(m.total_price ?? '0'),
    currency: m.currency ?? 'USD',
    model_provider: m.provider,
    model_id: m.model,
    ...origin(m),
    status: m.status === 'running' ? 'normal' : m.status,
    error: m.error,
    feedbacks: feedbacks.map((f) => ({
      rating: f.rating,
      content: f.content,
      from_source: f.from_source,
      from_end_user_id: f.end_user_id,
      from_account_id: f.from_account_id,
    })),
    // The end user's own rating, as the Service API reports it.
    feedback: (() => {
      const f = feedbacks.find((x) => x.from_source === 'user');
      return f ? { rating: f.rating } : null;
    })(),
    annotation: null,
    annotation_hit_history: null,
    retriever_resources: m.retriever_resources ?? [],
    message_files: m.message_files ?? [],
    agent_thoughts: [],
    workflow_run_id: m.workflow_run_id,
    metadata: {
      usage: {
        prompt_tokens: m.message_tokens,
        completion_tokens: m.answer_tokens,
        total_tokens: m.message_tokens + m.answer_tokens,
        total_price: String(m.total_price ?? '0'),
        currency: m.currency ?? 'USD',
        latency,
      },
      retriever_resources: m.retriever_resources ?? [],
    },
    created_at: unix(m.created_at),
  };
}
