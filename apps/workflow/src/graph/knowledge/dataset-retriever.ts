import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { KnowledgePatterns, RetrieveRequest, RetrieverResource, Services } from '@sluice/contracts';
import { InjectTransport } from '@sluice/transport';

/** Retrieval from the dataset service over the transport; knowledge-retrieval nodes depend on this, tests pass a fake. */
@Injectable()
export class DatasetRetriever {
  constructor(@InjectTransport(Services.dataset) private readonly dataset: ClientProxy) {}

  async retrieve(req: RetrieveRequest): Promise<RetrieverResource[]> {
    return (await lastValueFrom(this.dataset.send<RetrieverResource[]>(KnowledgePatterns.retrieve, req))) ?? [];
  }
}
