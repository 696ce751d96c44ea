import { z } from 'zod';
import { defineContract } from './contract';
import { ServiceName, Services } from './services';

const ping = (service: ServiceName) => defineContract('health.ping', service, z.object({}).passthrough());

/** Every service answers `health.ping` on its own stream. */
export const HealthContracts = {
  chat: ping(Services.chat),
  workflow: ping(Services.workflow),
  dataset: ping(Services.dataset),
};
