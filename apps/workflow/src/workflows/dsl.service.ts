import { Injectable } from '@nestjs/common';
import { parse, stringify } from 'yaml';
import { ContractPayloadOf, ForbiddenError, InvalidParamError, NotFoundError, WorkflowContracts, assertCleanInput, isUuid } from '@sluice/contracts';
import { AppsRepository } from '@sluice/database';
import { validateGraph } from '../graph/graph-validator';
import { WorkflowRepository } from './workflow.repository';
import { Scope, graphDatasetIds } from './workflows.service';

const DSL_VERSION = '0.1.5';

/** Dify's app DSL (YAML): `version`, `kind: app`, `app{…}`, `workflow{graph, features, …}`. */
@Injectable()
export class DslService {
  constructor(
    private readonly repo: WorkflowRepository,
    private readonly apps: AppsRepository,
  ) {}

  async export(scope: Scope, appId: string) {
    const app = await this.repo.app(scope.tenantId, appId);
    if (!app) throw new NotFoundError('App not found.');
    const w = await this.repo.version(app.id, 'draft');
    const doc: Record<string, unknown> = {
      version: DSL_VERSION,
      kind: 'app',
      app: {
        name: app.name,
        mode: app.mode,
        icon: app.icon,
        icon_background: app.iconBackground,
        description: app.description,
        use_icon_as_answer_icon: false,
      },
    };
    if (w) {
      // Secret environment variables leave without their values, as in Dify.
      const env = (w.environmentVariables ?? []).map((v: { value_type?: string }) => (v.value_type === 'secret' ? { ...v, value: '' } : v));
      doc.workflow = { graph: w.graph, features: w.features, environment_variables: env, conversation_variables: w.conversationVariables };
    }
    return { data: stringify(doc) };
  }

  async import(scope: Scope, b: ContractPayloadOf<typeof WorkflowContracts.importDsl>['body']) {
    let doc: any;
    try {
      doc = parse(b.yaml_content);
    } catch (err) {
      throw new InvalidParamError(`yaml_content is not valid YAML: ${(err as Error).message.split('\n')[0]}`, { params: 'yaml_content' });
    }
    // YAML has its own escapes ("\0") and nesting: the decoded document gets the same checks as a JSON body.
    assertCleanInput(doc, 'yaml_content');
    if (doc?.kind !== 'app' || !doc.app?.mode)
      throw new InvalidParamError('yaml_content is not a Dify app DSL (kind: app with app.mode)', { params: 'yaml_content' });
    const mode = doc.app.mode;
    if (mode !== 'workflow' && mode !== 'advanced-chat')
      throw new InvalidParamError(`importing ${mode} apps is not supported yet; workflow and advanced-chat are`, { params: 'yaml_content' });
    const graph = doc.workflow?.graph ?? { nodes: [], edges: [] };
    validateGraph(graph);
    const datasetIds = graphDatasetIds(graph).filter(isUuid);
    const hidden = await this.repo.hiddenDatasets({ tenantId: scope.tenantId, accountId: scope.accountId, role: scope.role ?? 'normal' }, datasetIds);
    if (hidden.length) throw new ForbiddenError(`You do not have permission to use dataset ${hidden[0]}.`);
    const app = await this.apps.save({
      tenantId: scope.tenantId,
      name: b.name ?? doc.app.name ?? 'Imported app',
      mode,
      description: b.description ?? doc.app.description ?? '',
      icon: doc.app.icon ?? null,
      iconBackground: doc.app.icon_background ?? null,
      createdBy: scope.accountId,
      updatedBy: scope.accountId,
    });
    await this.repo.saveDraft(scope.tenantId, app.id, {
      graph,
      features: doc.workflow?.features ?? {},
      environmentVariables: doc.workflow?.environment_variables ?? [],
      conversationVariables: doc.workflow?.conversation_variables ?? [],
    });
    return {
      id: app.id,
      status: 'completed',
      app_id: app.id,
      app_mode: mode,
      current_dsl_version: DSL_VERSION,
      imported_dsl_version: String(doc.version ?? ''),
      error: '',
    };
  }
}
