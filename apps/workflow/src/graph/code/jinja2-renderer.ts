import { Injectable } from '@nestjs/common';
import { TEMPLATE_MAX_LENGTH, TemplateSandbox } from '@sluice/jinja';
import { PythonSandboxService } from './python-sandbox.service';

/**
 * Where Jinja2 templates (template-transform nodes, jinja2 prompts of LLM nodes) are rendered:
 * with CODE_EXECUTION_ENDPOINT set, by real Jinja2 in dify-sandbox, exactly as Dify renders them;
 * otherwise by the own engine in a V8 isolate, which agrees with Jinja2 on the conformance suite.
 */
@Injectable()
export class Jinja2Renderer {
  constructor(
    private readonly isolate: TemplateSandbox,
    private readonly python: PythonSandboxService,
  ) {}

  async render(template: string, vars: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    if (!this.python.configured) return this.isolate.render(template, vars);
    const out = await this.python.renderJinja2(template, vars, signal);
    if (out.length > TEMPLATE_MAX_LENGTH) throw new Error(`OutputTooLong: the rendered text is longer than ${TEMPLATE_MAX_LENGTH} characters`);
    return out;
  }
}
