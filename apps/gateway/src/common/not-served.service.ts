import { Injectable } from '@nestjs/common';
import { NotImplementedError } from '@sluice/contracts';

/**
 * Operations of Dify's API that Sluice routes (so a client gets a clear answer, not a 404) but does not
 * serve. README's "Not served" list says the same.
 */
@Injectable()
export class NotServedService {
  knowledgePipeline(): never {
    throw new NotImplementedError(
      'Knowledge pipelines are not served by Sluice: they run datasource plugins in Dify’s plugin daemon. Use document/create-by-file or create-by-text.',
    );
  }

  humanInput(): never {
    throw new NotImplementedError('Human input forms are not served by Sluice: its workflows have no human-input node.');
  }
}
