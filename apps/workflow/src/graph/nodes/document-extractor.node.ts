import type { FileUser } from '@sluice/database';
import { extractDocument } from '@sluice/rag';
import { UploadFileReader } from '../files/upload-file-reader';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

/**
 * Dify's document-extractor: the text of a file (pdf, docx, xlsx, html, markdown, csv, txt) from
 * `variable_selector`, or a list of texts for a list of files. Files are the run's own uploads (see
 * UploadFilesRepository) or `remote_url` files, downloaded through the SSRF guard.
 */
@WorkflowNode('document-extractor')
export class DocumentExtractorNode implements NodeExecutor {
  constructor(private readonly files: UploadFileReader) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const value = ctx.pool.get(node.data.variable_selector);
    if (value === undefined || value === null) throw new Error(`document-extractor ${node.id}: the file variable is empty`);
    const many = Array.isArray(value);
    const texts: string[] = [];
    for (const f of many ? value : [value]) texts.push(await this.extract(ctx.fileUser, f, ctx.signal));
    return { outputs: { text: many ? texts : texts[0] }, inputs: { variable_selector: node.data.variable_selector } };
  }

  private async extract(user: FileUser | undefined, file: unknown, signal: AbortSignal): Promise<string> {
    const { buffer, filename, mimeType } = await this.files.read(user, file, signal);
    const parts: string[] = [];
    for await (const block of extractDocument({ buffer, filename, mimeType })) if (block.text.trim()) parts.push(block.text);
    return parts.join('\n\n');
  }
}
