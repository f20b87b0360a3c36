/** The submissions service's ports over the table and the bucket. */

import { s3AttachmentStorage } from '../adapters/attachment-store.ts';
import { dynamoAuditStore } from '../adapters/audit-store.ts';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { docxRunner } from '../adapters/docx-runner.ts';
import { dynamoIdempotencyStore } from '../adapters/idempotency-store.ts';
import { pdfCheckRunner } from '../adapters/pdf-check-runner.ts';
import { dynamoSubmissionRepository } from '../adapters/submission-store.ts';
import type { Config } from '../config.ts';
import type { CreatedResponse, SubmissionPorts } from '../domain/submissions-service.ts';

/** One runner per process: its spare worker is shared by every request. */
const checkPdf = pdfCheckRunner();
const convertDocx = docxRunner();

export const submissionPorts = (
  { db, s3 }: Pick<AwsClients, 'db' | 's3'>,
  config: Pick<Config, 'tableName' | 'bucketName'>,
): SubmissionPorts => ({
  submissions: dynamoSubmissionRepository({ db, tableName: config.tableName }),
  attachments: s3AttachmentStorage({ s3, bucketName: config.bucketName }),
  idempotency: dynamoIdempotencyStore<CreatedResponse>({ db, tableName: config.tableName }),
  checkPdf,
  convertDocx,
  audit: dynamoAuditStore({ db, tableName: config.tableName }),
});
