import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { App, DatasetViewer, Workflow, WorkflowNodeExecution, WorkflowRun, WorkflowVersionsRepository, hiddenDatasetIds } from '@sluice/database';

@Injectable()
export class WorkflowRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly versions: WorkflowVersionsRepository,
  ) {}

  /** Of these datasets, those the member may not see (so may not put in a graph). */
  hiddenDatasets(viewer: DatasetViewer, ids: string[]): Promise<string[]> {
    return hiddenDatasetIds(this.ds, viewer, ids);
  }

  app(tenantId: string, appId: string): Promise<App | null> {
    return this.ds.getRepository(App).findOne({ where: { tenantId, id: appId } });
  }

  version(appId: string, version: string): Promise<Workflow | null> {
    return this.versions.version(appId, version);
  }

  byId(id: string): Promise<Workflow | null> {
    return this.versions.byId(id);
  }

  saveDraft(tenantId: string, appId: string, w: Pick<Workflow, 'graph' | 'features' | 'environmentVariables' | 'conversationVariables'>): Promise<Workflow> {
    return this.versions.saveDraft(tenantId, appId, w);
  }

  publish(draft: Workflow): Promise<Workflow> {
    return this.versions.publish(draft);
  }

  /** One INSERT … RETURNING (save() would wrap it in a transaction of its own: two more round trips per run). */
  async createRun(r: Partial<WorkflowRun>): Promise<WorkflowRun> {
    const repo = this.ds.getRepository(WorkflowRun);
    const run = repo.create(r);
    await repo.insert(run as never); // fills in the generated id and timestamps
    return run;
  }

  async finishRun(id: string, patch: Partial<WorkflowRun>, nodes: Partial<WorkflowNodeExecution>[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      // Nothing is read back (no RETURNING): the rows are final, and TypeORM's entity update cost more than the INSERT.
      if (nodes.length)
        await m
          .createQueryBuilder()
          .insert()
          .into(WorkflowNodeExecution)
          .values(nodes as never)
          .updateEntity(false)
          .execute();
      await m.update(WorkflowRun, { id }, patch as never);
    });
  }

  async endUsers(ids: (string | null)[]): Promise<Map<string, { id: string; type: string; session_id: string }>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return new Map();
    const rows: { id: string; type: string; session_id: string }[] = await this.ds.query(
      'SELECT id, type, session_id FROM end_users WHERE id = ANY($1::uuid[])',
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  nodeExecutions(runId: string): Promise<WorkflowNodeExecution[]> {
    return this.ds.getRepository(WorkflowNodeExecution).find({ where: { workflowRunId: runId }, order: { index: 'ASC' } });
  }

  run(appId: string, id: string): Promise<WorkflowRun | null> {
    return this.ds.getRepository(WorkflowRun).findOne({ where: { appId, id } });
  }

  async runsPage(appId: string, q: { page: number; limit: number; status?: string; keyword?: string }) {
    const qb = this.ds.getRepository(WorkflowRun).createQueryBuilder('r').where('r.app_id = :appId', { appId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.keyword) qb.andWhere('(r.inputs::text ILIKE :kw OR r.outputs::text ILIKE :kw)', { kw: `%${q.keyword}%` });
    const [rows, total] = await qb
      .orderBy('r.created_at', 'DESC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }

  /**
   * Runs left `running` by a process that died: nothing will finish them any more. A live run
   * cannot be older than the wall-time limit, so anything past it (plus a margin) is an orphan;
   * its node executions still marked running are closed with it.
   */
  async failOrphans(olderThanSeconds: number): Promise<number> {
    const rows: { id: string }[] = await this.ds.query(
      `WITH gone AS (
         UPDATE workflow_runs SET status = 'failed', error = 'the run was interrupted (its worker stopped)', finished_at = now()
          WHERE status = 'running' AND created_at < now() - make_interval(secs => $1)
          RETURNING id)
       SELECT id FROM gone`,
      [olderThanSeconds],
    );
    if (rows.length) {
      await this.ds.query(
        `UPDATE workflow_node_executions SET status = 'failed', error = 'the run was interrupted (its worker stopped)', finished_at = now()
          WHERE workflow_run_id = ANY($1::uuid[]) AND status = 'running'`,
        [rows.map((r) => r.id)],
      );
    }
    return rows.length;
  }
}
