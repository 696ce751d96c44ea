import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retrieveRequestOf } from './knowledge-retriever';

const TENANT = '0f8fad5b-d9cb-469f-a165-70867728950e';
const DS = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const datasets = { datasets: [{ dataset: { enabled: true, id: DS } }] };

test('dataset_configs metadata filtering: manual passes the conditions, automatic passes the model that writes them, disabled neither', () => {
  const conditions = { logical_operator: 'and', conditions: [{ name: 'product', comparison_operator: 'is', value: 'kettle' }] };
  const model = { provider: 'openai', name: 'gpt-4o-mini', completion_params: {} };

  const manual = retrieveRequestOf(
    TENANT,
    { datasets, metadata_filtering_mode: 'manual', metadata_filtering_conditions: conditions, metadata_model_config: model },
    'q',
  );
  assert.deepEqual(manual.metadataFilteringConditions, conditions);
  assert.equal(manual.metadataFilteringMode, undefined);

  const automatic = retrieveRequestOf(
    TENANT,
    { datasets, metadata_filtering_mode: 'automatic', metadata_filtering_conditions: conditions, metadata_model_config: model },
    'q',
  );
  assert.deepEqual([automatic.metadataFilteringMode, automatic.metadataModelConfig, automatic.metadataFilteringConditions], ['automatic', model, null]);

  const disabled = retrieveRequestOf(TENANT, { datasets, metadata_filtering_mode: 'disabled', metadata_filtering_conditions: conditions }, 'q');
  assert.deepEqual([disabled.metadataFilteringMode, disabled.metadataFilteringConditions], [undefined, null]);
  assert.deepEqual(disabled.datasetIds, [DS]);
});
