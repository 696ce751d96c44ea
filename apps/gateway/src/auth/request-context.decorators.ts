import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { AccountContext, AppKeyContext, WebUserContext } from '../common/caller';

export const AppKey = createParamDecorator((_d: unknown, ctx: ExecutionContext): AppKeyContext => ctx.switchToHttp().getRequest().appKey);
export const CurrentAccount = createParamDecorator((_d: unknown, ctx: ExecutionContext): AccountContext => ctx.switchToHttp().getRequest().account);
export const DatasetKey = createParamDecorator((_d: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().datasetKey);
export const WebUser = createParamDecorator((_d: unknown, ctx: ExecutionContext): WebUserContext => ctx.switchToHttp().getRequest().webUser);
