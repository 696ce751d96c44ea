import { Module } from '@nestjs/common';
import { AccountsRepository, DatasetPermissionsRepository, MembershipsRepository } from '@sluice/database';
import { AccountTokensService } from './account-tokens.service';
import { AccountService } from './account.service';
import { InvitationsService } from './invitations.service';
import { MailerService } from './mailer.service';
import { MembersService } from './members.service';
import { PasswordResetService } from './password-reset.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { WorkspacesService } from './workspaces.service';

/** Accounts, workspaces, members, invitations and password resets. */
@Module({
  controllers: [TeamsController],
  providers: [
    TeamsRepository,
    AccountsRepository,
    MembershipsRepository,
    DatasetPermissionsRepository,
    AccountService,
    AccountTokensService,
    MailerService,
    InvitationsService,
    PasswordResetService,
    WorkspacesService,
    MembersService,
  ],
})
export class TeamsModule {}
