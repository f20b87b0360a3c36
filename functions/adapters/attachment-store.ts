/**
 * PDF annexes in the bucket, under `submissions/{id}/attachments/{attachmentId}.pdf`, and the
 * presigned PUT through which a mission uploads one without passing its bytes through the API.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AttachmentStorage } from '../domain/submissions-service.ts';

const isMissing = (error: unknown) => {
  const name = (error as Error).name;
  return (
    name === 'NoSuchKey' ||
    name === 'NotFound' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
  );
};

/**
 * A client like `s3` that computes no flexible checksum: by default the SDK puts the CRC32 of the
 * (empty) request body into a presigned URL, which S3 then holds the uploaded file against.
 */
function presigningClient(s3: S3Client): S3Client {
  const { region, credentials, endpoint, forcePathStyle } = s3.config;
  return new S3Client({
    region,
    credentials,
    endpoint,
    forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

export function s3AttachmentStorage({
  s3,
  bucketName,
}: {
  s3: S3Client;
  bucketName: string;
}): AttachmentStorage {
  let presigner: S3Client | undefined;
  return {
    async put(key, bytes) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucketName, Key: key, Body: bytes, ContentType: 'application/pdf' }),
      );
    },
    async size(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucketName, Key: key }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async get(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    presignPut(key, { contentType, bytes, expiresInSeconds }) {
      // Type and length are signed headers, so S3 refuses a PUT of anything else.
      const signed = new Set(['content-type', 'content-length']);
      presigner ??= presigningClient(s3);
      return getSignedUrl(
        presigner,
        new PutObjectCommand({
          Bucket: bucketName,
          Key: key,
          ContentType: contentType,
          ContentLength: bytes,
        }),
        { expiresIn: expiresInSeconds, signableHeaders: signed, unhoistableHeaders: signed },
      );
    },
  };
}
