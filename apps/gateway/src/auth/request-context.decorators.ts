import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AccountContext, AppKeyContext } from '../common/caller';

export const AppKey = createParamDecorator((_d: unknown, ctx: ExecutionContext): AppKeyContext => ctx.switchToHttp().getRequest().appKey);
export const CurrentAccount = createParamDecorator((_d: unknown, ctx: ExecutionContext): AccountContext => ctx.switchToHttp().getRequest().account);
export const DatasetKey = createParamDecorator((_d: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().datasetKey);
