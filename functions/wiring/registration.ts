/** The registrar over the table: submissions, agendas, counters, documents and registrations. */

import { createAgendaStore } from '../adapters/agenda-store.ts';
import { dynamoAuditStore } from '../adapters/audit-store.ts';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { createCounterStore } from '../adapters/counter-store.ts';
import { createDocumentStore, createRegistrationStore } from '../adapters/document-store.ts';
import {
  getSubmission,
  getSubmissionStatus,
  markRegistered,
  SubmissionStatusConflict,
} from '../adapters/submission-store.ts';
import type { Config } from '../config.ts';
import { createRegistrar, type Registrar, type SubmissionPort } from '../domain/registrar.ts';
import { type SubmissionPorts, verifyAttachments } from '../domain/submissions-service.ts';

function submissionPort(
  db: AwsClients['db'],
  config: Pick<Config, 'tableName'>,
  ports: SubmissionPorts,
): SubmissionPort {
  const table = { db, tableName: config.tableName };
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

/** The registrar over the table, and the submissions service's ports for its attachment checks. */
export function registrarOver(
  db: AwsClients['db'],
  config: Pick<Config, 'tableName'>,
  submissions: SubmissionPorts,
): Registrar {
  const counters = createCounterStore(db, config.tableName);
  return createRegistrar({
    submissions: submissionPort(db, config, submissions),
    agendas: createAgendaStore(db, config.tableName).port,
    counters,
    documents: createDocumentStore(db, config.tableName),
    registrations: createRegistrationStore(db, config.tableName),
    audit: dynamoAuditStore({ db, tableName: config.tableName }),
  });
}
