import { Injectable } from '@nestjs/common';
import { InvalidParamError } from '@sluice/contracts';
import { DocumentSettingsDto } from '@sluice/contracts';
import { Dataset } from '@sluice/database';
import { DatasetsRepository } from '@sluice/knowledge';
import { ProcessRule, ProcessRuleValidationError, parseProcessRule } from '@sluice/rag';
import { DatasetsService } from '../datasets/datasets.service';

export interface ResolvedSettings {
  processRule: ProcessRule;
  docForm: string;
  docLanguage: string;
}

/**
 * Works out how a new document is processed, as Dify does: the first document decides the dataset's
 * indexing technique and form; later ones inherit them. Invalid rules are 400 invalid_param naming the field.
 */
@Injectable()
export class DocumentSettings {
  constructor(
    private readonly datasets: DatasetsRepository,
    private readonly datasetsService: DatasetsService,
  ) {}

  resolve(dataset: Dataset, b: DocumentSettingsDto): ResolvedSettings {
    const technique = dataset.indexingTechnique ?? b.indexing_technique;
    if (!technique) throw new InvalidParamError('indexing_technique is required.', { params: 'indexing_technique' });
    const processRule = this.processRule(b, dataset);
    const docForm = b.doc_form ?? (processRule.mode === 'hierarchical' ? 'hierarchical_model' : (dataset.docForm ?? 'text_model'));
    if (docForm === 'qa_model' && technique !== 'high_quality') {
      // As in Dify: Q&A pairs are matched by their question's vector.
      throw new InvalidParamError('doc_form "qa_model" needs indexing_technique "high_quality".', { params: 'doc_form' });
    }
    if ((docForm === 'hierarchical_model') !== (processRule.mode === 'hierarchical')) {
      throw new InvalidParamError('doc_form "hierarchical_model" goes with process_rule.mode "hierarchical" (and only with it).', { params: 'doc_form' });
    }
    if (dataset.docForm && dataset.docForm !== docForm) {
      throw new InvalidParamError(`doc_form is different from the dataset doc_form (${dataset.docForm}).`, { params: 'doc_form' });
    }
    return { processRule, docForm, docLanguage: b.doc_language || 'English' };
  }

  /** Records what the first document decided, and the latest rule as the default for the next one. */
  async applyToDataset(dataset: Dataset, b: DocumentSettingsDto, s: ResolvedSettings): Promise<void> {
    const patch: Partial<Dataset> = { latestProcessRule: s.processRule as unknown as Record<string, unknown> };
    if (!dataset.indexingTechnique) {
      patch.indexingTechnique = b.indexing_technique!;
      Object.assign(
        patch,
        this.datasetsService.embeddingFor(
          b.indexing_technique,
          b.embedding_model ?? dataset.embeddingModel,
          b.embedding_model_provider ?? dataset.embeddingModelProvider,
        ),
      );
    }
    if (!dataset.docForm) patch.docForm = s.docForm;
    if (!dataset.dataSourceType) patch.dataSourceType = 'upload_file';
    if (!dataset.retrievalModel && b.retrieval_model) patch.retrievalModel = b.retrieval_model;
    await this.datasets.update(dataset.tenantId, dataset.id, patch);
    Object.assign(dataset, patch);
  }

  private processRule(b: DocumentSettingsDto, dataset: Dataset): ProcessRule {
    const [field, input] =
      b.process_rule != null
        ? ['process_rule', b.process_rule]
        : b.text_preprocessing_rule != null
          ? ['text_preprocessing_rule', b.text_preprocessing_rule]
          : ['process_rule', dataset.latestProcessRule ?? { mode: 'automatic' }];
    try {
      return parseProcessRule(input, field);
    } catch (err) {
      if (err instanceof ProcessRuleValidationError) throw new InvalidParamError(err.message, { params: err.field });
      throw err;
    }
  }
}
