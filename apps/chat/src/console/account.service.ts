import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AlreadySetupError, InvalidCredentialsError, NotFoundError, NotSetupError } from '@sluice/contracts';
import { Account, Setup, Tenant } from '@sluice/database';

export interface AccountView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: string;
}

const BCRYPT_ROUNDS = 10;

@Injectable()
export class AccountService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async isSetup(): Promise<boolean> {
    return (await this.ds.getRepository(Setup).count()) > 0;
  }

  /** First admin + workspace, atomically; the setups primary key makes a concurrent second setup fail. */
  async setup(input: { email: string; name: string; password: string }): Promise<AccountView> {
    if (await this.isSetup()) throw new AlreadySetupError();
    const hash = await bcrypt.hash(input.password, BCRYPT_ROUNDS);
    try {
      return await this.ds.transaction(async (m) => {
        await m.insert(Setup, { version: '1' });
        const tenant = await m.save(m.create(Tenant, { name: `${input.name}'s Workspace` }));
        const acc = await m.save(
          m.create(Account, { tenantId: tenant.id, email: input.email.toLowerCase(), name: input.name, passwordHash: hash, role: 'owner' }),
        );
        return view(acc);
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AlreadySetupError();
      throw err;
    }
  }

  async verifyLogin(email: string, password: string): Promise<AccountView> {
    if (!(await this.isSetup())) throw new NotSetupError();
    const acc = await this.ds.getRepository(Account).createQueryBuilder('a').where('lower(a.email) = lower(:email)', { email }).getOne();
    // Compare against a dummy hash when the account is unknown so timing does not reveal which emails exist.
    const ok = await bcrypt.compare(password, acc?.passwordHash ?? '$2a$10$CwTycUXWue0Thq9StjUM0uJ8.kT9EJoy/9J3mEZd2Qb3ErJU7Fv1e');
    if (!acc || !ok || acc.status !== 'active') throw new InvalidCredentialsError();
    await this.ds.getRepository(Account).update({ id: acc.id }, { lastLoginAt: new Date() });
    return view(acc);
  }

  async get(id: string): Promise<AccountView> {
    const acc = await this.ds.getRepository(Account).findOne({ where: { id } });
    if (!acc || acc.status !== 'active') throw new NotFoundError('Account not found.');
    return view(acc);
  }
}

function view(a: Account): AccountView {
  return { id: a.id, tenantId: a.tenantId, email: a.email, name: a.name, role: a.role };
}
