import { Injectable } from '@nestjs/common';
import {
  BadRequestError,
  ContractPayloadOf,
  DatasetContracts,
  InvalidParamError,
  KNOWLEDGE_FILE_EXTENSIONS,
  NotFoundError,
  UnsupportedFileTypeError,
  isUuid,
} from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import {
  DocumentExtractionError,
  ExtractorRegistry,
  ProcessRule,
  ProcessRuleValidationError,
  Segment,
  parseProcessRule,
  processDocumentStream,
} from '@sluice/rag';
import { FileStorage } from '@sluice/storage';
import { DatasetAccess } from '../common/dataset-access.service';
import { DocumentFiles } from './document-files.service';

/** Dify previews the first 10 chunks. */
const PREVIEW_CHUNKS = 10;
/**
 * Counting every chunk means reading every file: stop after this long and report the count so far
 * (`truncated: true`), so a preview of a huge upload answers well within the transport's timeout.
 */
const TIME_BUDGET_MS = 10_000;

/**
 * Dify's indexing estimate: the chunks uploaded files would become under a process rule, through
 * the very parse → clean → split code ingestion runs (@sluice/rag), before any document exists.
 */
@Injectable()
export class IndexingEstimateService {
  private readonly registry = new ExtractorRegistry({ pdfInWorker: true });

  constructor(
    private readonly files: DocumentFiles,
    private readonly storage: FileStorage,
    private readonly access: DatasetAccess,
  ) {}

  async estimate(req: ContractPayloadOf<typeof DatasetContracts.console.indexingEstimate>) {
    const b = req.body;
    if (b.dataset_id) await this.access.dataset({ ...req, datasetId: b.dataset_id });
    const rule = this.rule(b.process_rule);
    if ((b.doc_form === 'hierarchical_model') !== (rule.mode === 'hierarchical')) {
      throw new InvalidParamError('doc_form "hierarchical_model" goes with process_rule.mode "hierarchical" (and only with it).', { params: 'doc_form' });
    }
    const ids = [...new Set(b.info_list.file_info_list.file_ids)];
    const found = new Map((await this.files.findMany(req.tenantId, ids.filter(isUuid))).map((f) => [f.id, f]));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new NotFoundError(`File ${missing} not found.`);
    for (const f of found.values()) {
      if (!KNOWLEDGE_FILE_EXTENSIONS.includes(f.extension.toLowerCase()))
        throw new UnsupportedFileTypeError(`File type not allowed in a knowledge base: .${f.extension}`);
    }

    const preview: { content: string; child_chunks: string[] | null }[] = [];
    let total = 0;
    let tokens = 0;
    let truncated = false;
    const signal = AbortSignal.timeout(TIME_BUDGET_MS);
    for (const id of ids) {
      const f = found.get(id)!;
      try {
        for await (const s of processDocumentStream({ path: this.storage.localPath(f.storageKey), filename: f.name, mimeType: f.mimeType }, rule, {
          registry: this.registry,
          signal,
        })) {
          total++;
          tokens += s.tokens;
          if (preview.length < PREVIEW_CHUNKS) preview.push(chunk(s, b.doc_form));
        }
      } catch (err) {
        if (signal.aborted) {
          truncated = true;
          break;
        }
        if (err instanceof DocumentExtractionError) throw new BadRequestError(`${f.name}: ${err.message}`);
        throw err;
      }
    }
    return {
      total_segments: total,
      tokens,
      total_price: '0',
      currency: 'USD',
      preview,
      // Q&A pairs are written by the model at ingestion; the preview shows the chunks they are written from.
      qa_preview: b.doc_form === 'qa_model' ? [] : null,
      truncated,
    };
  }

  private rule(input: unknown): ProcessRule {
    try {
      return parseProcessRule(input ?? { mode: 'automatic' });
    } catch (err) {
      if (err instanceof ProcessRuleValidationError) throw new InvalidParamError(err.message, { params: err.field });
      throw err;
    }
  }
}

function chunk(s: Segment, docForm: string) {
  return { content: s.content, child_chunks: docForm === 'hierarchical_model' ? (s.children ?? []).map((c) => c.content) : null };
}
