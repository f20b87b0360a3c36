/**
 * What the registration route groups share: the registrar built over the table (once per cold
 * start), its refusals as problems, the answer for a registered document, and body parsing.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAgendaStore } from '../adapters/agenda-store.ts';
import { createCounterStore } from '../adapters/counter-store.ts';
import { createDocumentStore, createRegistrationStore } from '../adapters/document-store.ts';
import {
  getSubmission,
  getSubmissionStatus,
  markRegistered,
  SubmissionStatusConflict,
} from '../adapters/submission-store.ts';
import type { Config } from '../config.ts';
import { documentPath } from '../domain/document-urls.ts';
import {
  createRegistrar,
  type Registered,
  type Registrar,
  type SubmissionPort,
} from '../domain/registrar.ts';
import { verifyAttachments } from '../domain/submissions-service.ts';
import { type HttpResult, json } from './http-api.ts';
import { submissionPorts } from './submissions.ts';

export interface RegistrationDeps {
  db: DynamoDBDocumentClient;
  s3: S3Client;
  config: Config;
}

function submissionPort(deps: RegistrationDeps): SubmissionPort {
  const table = { db: deps.db, tableName: deps.config.tableName };
  const ports = submissionPorts(deps);
  return {
    get: (id) => getSubmission(table, id),
    status: (id) => getSubmissionStatus(table, id),
    // Uploads that arrived are parsed and recorded; each unusable annex is named.
    async verifyAttachments(record) {
      const { problems } = await verifyAttachments(ports, record.id, new Date());
      return problems;
    },
    annexPdf: (record, index) => record.attachments.find((a) => a.annex === index)?.key,
    async markRegistered(id, registration) {
      try {
        await markRegistered(table, id, registration);
        return true;
      } catch (error) {
        if (error instanceof SubmissionStatusConflict)
          return error.current?.documentId === registration.documentId;
        throw error;
      }
    },
  };
}

/** The registrar over the table: created once per cold start with the clients. */
export function registrarFor(deps: RegistrationDeps): Registrar {
  const { db, config } = deps;
  const counters = createCounterStore(db, config.tableName);
  return createRegistrar({
    submissions: submissionPort(deps),
    agendas: createAgendaStore(db, config.tableName).port,
    counters,
    documents: createDocumentStore(db, config.tableName),
    registrations: createRegistrationStore(db, config.tableName),
  });
}

/** 201 with Location for a new document, 200 for one that existed (a retry). */
export const registeredResponse = ({ document, created }: Registered): HttpResult =>
  json(created ? 201 : 200, document, created ? { location: documentPath(document.symbol) } : {});
