import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CallerIdentity, ChatContracts, ContractPayloadOf, InvalidParamError, NotFoundError, isUuid, parseAfterLookup } from '@sluice/contracts';
import { AnnotationMatcher, AnnotationRepository, AnnotationRow } from '@sluice/knowledge';

const view = (a: AnnotationRow) => ({
  id: a.id,
  question: a.question,
  answer: a.answer,
  hit_count: a.hit_count,
  created_at: Math.floor(new Date(a.created_at).getTime() / 1000),
});

/**
 * Dify's annotations on the Service API (`/v1/apps/annotations`, `/v1/apps/annotation-reply/…`).
 * Turning reply on embeds every annotation before it answers, so the job it reports is already
 * finished; edits while it is on are embedded at once.
 */
@Injectable()
export class AnnotationsService {
  constructor(
    private readonly repo: AnnotationRepository,
    private readonly matcher: AnnotationMatcher,
  ) {}

  async list(caller: CallerIdentity, q: ContractPayloadOf<typeof ChatContracts.annotationsList>['query']) {
    const { rows, total } = await this.repo.page(caller.appId, q.page, q.limit, q.keyword);
    return { data: rows.map(view), has_more: q.page * q.limit < total, limit: q.limit, total, page: q.page };
  }

  async create(caller: CallerIdentity, b: ContractPayloadOf<typeof ChatContracts.annotationCreate>['body']) {
    const row = await this.repo.create(caller.tenantId, caller.appId, b.question, b.answer);
    await this.embedIfOn(caller);
    return view(row);
  }

  async update(caller: CallerIdentity, id: string, b: ContractPayloadOf<typeof ChatContracts.annotationUpdate>['body']) {
    const row = isUuid(id) ? await this.repo.update(caller.appId, id, b.question, b.answer) : null;
    if (!row) throw new NotFoundError('Annotation not found.');
    await this.embedIfOn(caller);
    return view(row);
  }

  async remove(caller: CallerIdentity, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.repo.delete(caller.appId, id))) throw new NotFoundError('Annotation not found.');
  }

  async setReply(caller: CallerIdentity, action: string, body: unknown) {
    if (action !== 'enable' && action !== 'disable') throw new InvalidParamError('action must be "enable" or "disable".', { params: 'action' });
    const jobId = randomUUID();
    const current = await this.repo.settings(caller.appId);
    if (action === 'disable') {
      if (current)
        await this.repo.saveSettings(caller.tenantId, caller.appId, { ...current, enabled: false, last_job_id: jobId, last_job_status: 'completed' });
      await this.matcher.settingsChanged(caller.appId);
      return { job_id: jobId, job_status: 'completed' };
    }
    const b = parseAfterLookup(ChatContracts.annotationReply, 'body', body);
    const settings = {
      enabled: true,
      score_threshold: b.score_threshold,
      embedding_provider: b.embedding_provider_name,
      embedding_model: b.embedding_model_name,
    };
    try {
      await this.matcher.embedPending(caller.tenantId, caller.appId, settings);
    } catch (err) {
      // Reply stays as it was; the job reports why.
      const error = (err as Error).message;
      await this.repo.saveSettings(caller.tenantId, caller.appId, {
        ...(current ?? { ...settings, enabled: false }),
        recent_jobs: current?.recent_jobs,
        last_job_id: jobId,
        last_job_status: 'error',
        last_job_error: error,
      });
      await this.matcher.settingsChanged(caller.appId);
      return { job_id: jobId, job_status: 'error' };
    }
    await this.repo.saveSettings(caller.tenantId, caller.appId, {
      ...settings,
      recent_jobs: current?.recent_jobs,
      last_job_id: jobId,
      last_job_status: 'completed',
    });
    await this.matcher.settingsChanged(caller.appId);
    return { job_id: jobId, job_status: 'completed' };
  }

  async replyStatus(caller: CallerIdentity, action: string, jobId: string) {
    const s = await this.repo.settings(caller.appId);
    const job = s?.recent_jobs?.[jobId] ?? (s && s.last_job_id === jobId ? { status: s.last_job_status, error: s.last_job_error } : undefined);
    if (!job || (action !== 'enable' && action !== 'disable')) throw new NotFoundError('The job does not exist.');
    return { job_id: jobId, job_status: job.status, error_msg: job.error ?? '' };
  }

  private async embedIfOn(caller: CallerIdentity): Promise<void> {
    const s = await this.repo.settings(caller.appId);
    if (s?.enabled) await this.matcher.embedPending(caller.tenantId, caller.appId, s);
  }
}
