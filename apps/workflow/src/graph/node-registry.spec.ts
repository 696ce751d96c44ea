import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { SUPPORTED_NODE_TYPES } from './graph.types';
import { ENGINE_NODE_TYPES, NodeRegistry, WorkflowNode } from './node-registry';
import { AnswerNode } from './nodes/answer.node';
import { EndNode } from './nodes/end.node';
import { IfElseNode } from './nodes/if-else.node';
import { StartNode } from './nodes/start.node';

async function boot(providers: Function[]) {
  @Module({ imports: [DiscoveryModule], providers: [NodeRegistry, ...(providers as never[])] })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  return app;
}

describe('the workflow node registry', () => {
  it('fails start-up, naming them, when node types the validator accepts have no executor', async () => {
    await assert.rejects(boot([StartNode, EndNode, AnswerNode, IfElseNode]), (err: Error) => {
      assert.match(err.message, /have no executor: .*\bllm\b/);
      assert.match(err.message, /\bcode\b/);
      assert.doesNotMatch(err.message, /: [^(]*\bstart\b/, 'start has its executor');
      assert.doesNotMatch(err.message, /\biteration\b/, 'containers are run by the engine itself');
      return true;
    });
  });

  it('fails start-up when two providers claim one node type', async () => {
    @WorkflowNode('end')
    class AnotherEnd extends EndNode {}
    assert.throws(() => NodeRegistry.of([new EndNode(), new AnotherEnd()]), /"end" has two executors: EndNode and AnotherEnd/);
  });

  it('leaves only the engine-run containers without an executor type', () => {
    // Every other supported type must be an executor; this is the list the registry checks against.
    const needed = SUPPORTED_NODE_TYPES.filter((t) => !ENGINE_NODE_TYPES.has(t));
    assert.ok(needed.includes('llm') && needed.includes('start') && !needed.includes('loop'));
  });
});
