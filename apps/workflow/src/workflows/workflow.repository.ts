import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { App, AppsRepository, asTx, DatasetViewer, hiddenDatasetIds, Workflow, WorkflowNodeExecution, WorkflowRun } from '@sluice/database';

@Injectable()
export class WorkflowRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly apps: AppsRepository) {}

  /** Of these datasets, those the member may not see (so may not put in a graph). */
  hiddenDatasets(viewer: DatasetViewer, ids: string[]): Promise<string[]> {
    return hiddenDatasetIds(this.ds, viewer, ids);
  }

  app(tenantId: string, appId: string): Promise<App | null> {
    return this.ds.getRepository(App).findOne({ where: { tenantId, id: appId } });
  }

  version(appId: string, version: string): Promise<Workflow | null> {
    return this.ds.getRepository(Workflow).findOne({ where: { appId, version } });
  }

  byId(id: string): Promise<Workflow | null> {
    return this.ds.getRepository(Workflow).findOne({ where: { id } });
  }

  async saveDraft(tenantId: string, appId: string, w: Pick<Workflow, 'graph' | 'features' | 'environmentVariables' | 'conversationVariables'>): Promise<Workflow> {
    await this.ds.query(
      `INSERT INTO workflows (tenant_id, app_id, version, graph, features, environment_variables, conversation_variables)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6)
       ON CONFLICT (app_id, version) DO UPDATE SET graph = EXCLUDED.graph, features = EXCLUDED.features,
         environment_variables = EXCLUDED.environment_variables, conversation_variables = EXCLUDED.conversation_variables, updated_at = now()`,
      [tenantId, appId, JSON.stringify(w.graph), JSON.stringify(w.features ?? {}), JSON.stringify(w.environmentVariables ?? []), JSON.stringify(w.conversationVariables ?? [])],
    );
    return (await this.version(appId, 'draft'))!;
  }

  /**
   * A published version is an immutable copy of the draft; the app points at the newest. Versions are
   * timestamps (as Dify's); publishes of one app are serialised by a transaction-scoped advisory lock and
   * each takes a timestamp after the previous one, so concurrent publishes all succeed, in order.
   */
  async publish(draft: Workflow): Promise<Workflow> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('workflow-publish:' || $1::text, 0))`, [draft.appId]);
      const [last] = await m.query(`SELECT max(version) AS v FROM workflows WHERE app_id = $1 AND version <> 'draft'`, [draft.appId]);
      const previous = last?.v ? Date.parse(last.v) : NaN;
      const at = Number.isNaN(previous) ? Date.now() : Math.max(Date.now(), previous + 1);
      const row = await m.save(m.create(Workflow, { ...draft, id: undefined, version: new Date(at).toISOString(), createdAt: undefined, updatedAt: undefined }));
      await this.apps.pointAtWorkflow(asTx(m), draft.appId, row.id);
      return row;
    });
  }

  createRun(r: Partial<WorkflowRun>): Promise<WorkflowRun> {
    const repo = this.ds.getRepository(WorkflowRun);
    return repo.save(repo.create(r));
  }

  async finishRun(id: string, patch: Partial<WorkflowRun>, nodes: Partial<WorkflowNodeExecution>[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (nodes.length) await m.insert(WorkflowNodeExecution, nodes as never);
      await m.update(WorkflowRun, { id }, patch as never);
    });
  }

  async endUsers(ids: (string | null)[]): Promise<Map<string, { id: string; type: string; session_id: string }>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return new Map();
    const rows: { id: string; type: string; session_id: string }[] = await this.ds.query('SELECT id, type, session_id FROM end_users WHERE id = ANY($1::uuid[])', [wanted]);
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
    const [rows, total] = await qb.orderBy('r.created_at', 'DESC').skip((q.page - 1) * q.limit).take(q.limit).getManyAndCount();
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
