/** An embedding model as a dataset names it: provider (`openai`) and model name. */
export interface EmbeddingModelRef {
  provider: string;
  name: string;
}
