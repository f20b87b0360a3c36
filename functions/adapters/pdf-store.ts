/**
 * Distributed PDFs in the documents bucket (keys from domain/storage-keys.ts), the annex PDFs the
 * renderer embeds, and the short-lived presigned GET behind the persistent `/{lang}/{symbol}` URL.
 * Each PDF carries its SHA-256 and job number as object metadata (`x-amz-meta-sha256`,
 * `x-amz-meta-job-number`), so the object can be checked without the table.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PdfPort } from '../domain/distributor.ts';

/** How long a presigned PDF URL works: long enough to follow the redirect, too short to pass around. */
export const PRESIGNED_URL_SECONDS = 300;

const isMissing = (error: unknown) =>
  (error as Error).name === 'NotFound' ||
  (error as Error).name === 'NoSuchKey' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export interface PdfStore extends PdfPort {
  /** A presigned GET of the PDF that makes browsers show it inline under its file name. */
  presignGet(key: string, options: { fileName: string; versionId?: string }): Promise<string>;
}

export function createPdfStore(s3: S3Client, bucketName: string): PdfStore {
  // Presigned URLs carry no checksum parameters (a GET needs none, and some stand-ins reject them).
  let presigner: S3Client | undefined;
  const presigningClient = () => {
    const { region, credentials, endpoint, forcePathStyle } = s3.config;
    presigner ??= new S3Client({
      region,
      credentials,
      endpoint,
      forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return presigner;
  };

  return {
    async head(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucketName, Key: key }));
        return {
          ...(head.Metadata?.sha256 ? { sha256: head.Metadata.sha256 } : {}),
          ...(head.ETag ? { etag: head.ETag } : {}),
          ...(head.VersionId && head.VersionId !== 'null' ? { versionId: head.VersionId } : {}),
        };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async put(key, pdf, { sha256, jobNumber }) {
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: bucketName,
          Key: key,
          Body: pdf,
          ContentType: 'application/pdf',
          ContentLength: pdf.byteLength,
          Metadata: { sha256, 'job-number': jobNumber },
        }),
      );
      return {
        ...(put.ETag ? { etag: put.ETag } : {}),
        ...(put.VersionId && put.VersionId !== 'null' ? { versionId: put.VersionId } : {}),
      };
    },

    async attachment(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
      if (!object.Body) throw new Error(`The annex PDF ${key} is empty`);
      return object.Body.transformToByteArray();
    },

    presignGet(key, { fileName, versionId }) {
      return getSignedUrl(
        presigningClient(),
        new GetObjectCommand({
          Bucket: bucketName,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
          ResponseContentType: 'application/pdf',
          ResponseContentDisposition: `inline; filename="${fileName}"`,
        }),
        { expiresIn: PRESIGNED_URL_SECONDS },
      );
    },
  };
}
