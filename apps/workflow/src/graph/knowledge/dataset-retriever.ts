import { Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { DatasetContracts, RetrieveRequest, RetrieverResource, Services } from '@sluice/contracts';
import { InjectTransport, callContract } from '@sluice/transport';

/** What the single-mode router knows of a dataset. */
export interface DatasetSummary {
  id: string;
  name: string;
  description: string;
  availableDocuments: number;
}

/** Retrieval from the dataset service over the transport; knowledge-retrieval nodes depend on this, tests pass a fake. */
@Injectable()
export class DatasetRetriever {
  constructor(@InjectTransport(Services.dataset) private readonly dataset: ClientProxy) {}

  async retrieve(req: RetrieveRequest): Promise<RetrieverResource[]> {
    return (await callContract(this.dataset, DatasetContracts.retrieve, req)) ?? [];
  }

  /** Name and description of each dataset of the workspace; ids that are gone (deleted, another workspace's) are left out. */
  async describe(tenantId: string, datasetIds: string[]): Promise<DatasetSummary[]> {
    const found = await Promise.all(
      datasetIds.map(async (datasetId) => {
        try {
          const d = (await callContract(this.dataset, DatasetContracts.datasets.get, { tenantId, via: 'console', datasetId })) as Record<
            string,
            unknown
          > | null;
          return {
            id: datasetId,
            name: String(d?.name ?? ''),
            description: String(d?.description ?? ''),
            availableDocuments: Number(d?.total_available_documents ?? 0),
          };
        } catch {
          return null;
        }
      }),
    );
    return found.filter((d): d is DatasetSummary => d !== null);
  }
}
