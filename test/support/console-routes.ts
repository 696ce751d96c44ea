import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { AccessLevel } from '@sluice/contracts';
import { accessOf, isConsoleController } from '../../apps/gateway/src/auth/console-access.guard';

export interface ConsoleRoute {
  method: string;
  /** Express-style path, e.g. /console/api/apps/:id */
  path: string;
  controller: string;
  handler: string;
  /** the declared @Access level; undefined when the route has none */
  access?: AccessLevel;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v ?? '']) as string[];

/**
 * Every route of the running gateway under /console/api, read from Nest's own module container and
 * route metadata (as Nest's router does), with the access level each one declares.
 */
export function consoleRoutes(gateway: unknown): ConsoleRoute[] {
  const app = gateway as { get<T>(t: new (...a: any[]) => T): T };
  const modules = app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const out: ConsoleRoute[] = [];
  const seen = new Set<Function>();
  for (const mod of modules.values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Function | undefined;
      if (!cls || seen.has(cls) || !isConsoleController(cls)) continue;
      seen.add(cls);
      for (const name of scanner.getAllMethodNames(cls.prototype)) {
        const handler = cls.prototype[name] as Function;
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        for (const prefix of list(Reflect.getMetadata(PATH_METADATA, cls))) {
          for (const p of list(paths)) {
            out.push({ method, path: join(prefix, p), controller: cls.name, handler: name, access: accessOf(reflector, handler, cls) });
          }
        }
      }
    }
  }
  return out;
}
