import { Global, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { AppConfig } from '@sluice/config';
import { Services } from '@sluice/contracts';
import { DatabaseModule } from '@sluice/database';
import { ApiKeyRepository, MembershipsRepository } from '@sluice/database';
import { StorageModule } from '@sluice/storage';
import { TransportModule } from '@sluice/transport';
import { ApiKeyAuthService } from './auth/api-key-auth.service';
import { AppKeyGuard } from './auth/app-key.guard';
import { DatasetKeyGuard } from './auth/dataset-key.guard';
import { LoginLockout } from './auth/login-lockout.service';
import { MembershipCache } from './auth/membership-cache.service';
import { SessionAuthenticator } from './auth/session-authenticator';
import { SessionIssuer } from './auth/session-issuer.service';
import { SessionStore } from './auth/session-store';
import { SessionGuard } from './auth/session.guard';
import { TokenService } from './auth/token.service';
import { WebUserGuard } from './auth/web-user.guard';
import { NotServedService } from './common/not-served.service';
import { RedisClient } from './common/redis-client';
import { ServiceProxy } from './common/service-proxy';
import { SseResponder } from './common/sse-responder';
import { ConsoleAppAccess } from './console/console-app-access.service';
import { FileUrlSigner } from './files/file-url-signer';
import { SignedFilesService } from './files/signed-files.service';
import { RateLimiter } from './limits/rate-limiter.service';
import { ChatApiService } from './service-api/chat-api.service';
import { UploadService } from './service-api/upload.service';

const SHARED = [
  RedisClient,
  ServiceProxy,
  SseResponder,
  ApiKeyRepository,
  ApiKeyAuthService,
  AppKeyGuard,
  DatasetKeyGuard,
  SessionGuard,
  WebUserGuard,
  SessionStore,
  TokenService,
  RateLimiter,
  ChatApiService,
  UploadService,
  MembershipsRepository,
  MembershipCache,
  SessionAuthenticator,
  SessionIssuer,
  LoginLockout,
  FileUrlSigner,
  SignedFilesService,
  NotServedService,
  ConsoleAppAccess,
];

/** What every gateway feature module needs: auth, limits, the service proxy, SSE, uploads. Global. */
@Global()
@Module({
  imports: [
    DatabaseModule.forRoot({ poolSize: 5 }),
    StorageModule,
    TransportModule.forClients([Services.chat, Services.dataset, Services.workflow]),
    MulterModule.registerAsync({
      inject: [AppConfig],
      // One byte over the limit is enough to know; multer stops reading there.
      useFactory: (cfg: AppConfig) => ({ storage: memoryStorage(), limits: { fileSize: cfg.uploadFileSizeLimitBytes + 1, files: 5 } }),
    }),
  ],
  providers: SHARED,
  exports: [...SHARED, MulterModule, StorageModule],
})
export class GatewayCoreModule {}
