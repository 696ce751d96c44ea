import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { App, Workflow } from '../entities';
import { Tx, manager } from '../tx';

/**
 * An app's workflow versions (the `workflows` table): the draft, and the immutable published copies
 * the app points at. Shared because the chat service's console copies apps with their draft, and the
 * workflow service edits and publishes them.
 */
@Injectable()
export class WorkflowVersionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  version(appId: string, version: string): Promise<Workflow | null> {
    return this.ds.getRepository(Workflow).findOne({ where: { appId, version } });
  }

  byId(id: string): Promise<Workflow | null> {
    return this.ds.getRepository(Workflow).findOne({ where: { id } });
  }

  async saveDraft(
    tenantId: string,
    appId: string,
    w: Pick<Workflow, 'graph' | 'features' | 'environmentVariables' | 'conversationVariables'>,
  ): Promise<Workflow> {
    await this.ds.query(
      `INSERT INTO workflows (tenant_id, app_id, version, graph, features, environment_variables, conversation_variables)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6)
       ON CONFLICT (app_id, version) DO UPDATE SET graph = EXCLUDED.graph, features = EXCLUDED.features,
         environment_variables = EXCLUDED.environment_variables, conversation_variables = EXCLUDED.conversation_variables, updated_at = now()`,
      [
        tenantId,
        appId,
        JSON.stringify(w.graph),
        JSON.stringify(w.features ?? {}),
        JSON.stringify(w.environmentVariables ?? []),
        JSON.stringify(w.conversationVariables ?? []),
      ],
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
      const row = await m.save(
        m.create(Workflow, { ...draft, id: undefined, version: new Date(at).toISOString(), createdAt: undefined, updatedAt: undefined }),
      );
      await m.update(App, { id: draft.appId }, { workflowId: row.id });
      return row;
    });
  }

  /** Copies an app's draft (not its published versions, as Dify's copy) to another app, inside the copy's transaction. */
  async copyDraft(tx: Tx, fromAppId: string, to: Pick<App, 'id' | 'tenantId'>): Promise<void> {
    const m = manager(tx);
    const draft = await m.findOne(Workflow, { where: { appId: fromAppId, version: 'draft' } });
    if (!draft) return;
    await m.save(
      m.create(Workflow, {
        tenantId: to.tenantId,
        appId: to.id,
        version: 'draft',
        graph: draft.graph,
        features: draft.features,
        environmentVariables: draft.environmentVariables,
        conversationVariables: draft.conversationVariables,
      }),
    );
  }
}
