import { Injectable, OnModuleInit, SetMetadata, Type, applyDecorators } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SUPPORTED_NODE_TYPES } from './graph.types';
import { NodeExecutor } from './node-executor';

const WORKFLOW_NODE = 'sluice:workflow-node';

/** Node types the engine runs itself (containers and their start markers): no executor. */
export const ENGINE_NODE_TYPES: ReadonlySet<string> = new Set(['iteration', 'iteration-start', 'loop', 'loop-start']);

/** Declares a provider as the executor of one node type; the registry finds it at boot. */
export function WorkflowNode(type: (typeof SUPPORTED_NODE_TYPES)[number]): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(WORKFLOW_NODE, type));
}

function nodeTypeOf(cls: Function): string | undefined {
  return Reflect.getMetadata(WORKFLOW_NODE, cls);
}

/**
 * The executor of each node type, found among the app's providers by their @WorkflowNode(type).
 * Start-up fails when a type the graph validator accepts has no executor (a graph using it would
 * be saved and published, and fail only when run), or when two providers claim the same type.
 */
@Injectable()
export class NodeRegistry implements OnModuleInit {
  private executors = new Map<string, NodeExecutor>();

  constructor(private readonly discovery?: DiscoveryService) {}

  /** A registry of these executors, checked at once (for tests and benchmarks that build the engine by hand). */
  static of(executors: NodeExecutor[]): NodeRegistry {
    const registry = new NodeRegistry();
    registry.register(executors);
    return registry;
  }

  onModuleInit(): void {
    const found = (this.discovery?.getProviders() ?? [])
      .filter((w) => w.metatype && w.instance && nodeTypeOf(w.metatype as Type))
      .map((w) => w.instance as NodeExecutor);
    this.register(found);
  }

  get(type: string): NodeExecutor | undefined {
    return this.executors.get(type);
  }

  private register(executors: NodeExecutor[]): void {
    const map = new Map<string, NodeExecutor>();
    const problems: string[] = [];
    for (const ex of executors) {
      const type = nodeTypeOf(ex.constructor);
      if (!type) {
        problems.push(`${ex.constructor.name} is not marked @WorkflowNode(type)`);
        continue;
      }
      if (map.has(type)) problems.push(`node type "${type}" has two executors: ${map.get(type)!.constructor.name} and ${ex.constructor.name}`);
      map.set(type, ex);
    }
    const missing = SUPPORTED_NODE_TYPES.filter((t) => !ENGINE_NODE_TYPES.has(t) && !map.has(t));
    if (missing.length) {
      problems.push(
        `node types the graph validator accepts have no executor: ${missing.join(', ')} (add a @WorkflowNode('${missing[0]}') provider to the workflow module)`,
      );
    }
    if (problems.length) throw new Error(`workflow node registry: ${problems.join('; ')}`);
    this.executors = map;
  }
}
