import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UploadFile } from '@sluice/database';

@Injectable()
export class UploadFileRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  create(f: Partial<UploadFile>): Promise<UploadFile> {
    const repo = this.ds.getRepository(UploadFile);
    return repo.save(repo.create(f));
  }
}
