import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Certificate,
  ContentInfo,
  MessageImprint,
  SignedData,
  TSTInfo,
  TimeStampReq,
  TimeStampResp,
} from 'pkijs';
import { FieldbookError } from '@fieldbook/shared';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';

/** Where RFC 3161 time-stamps come from, and which certificates they must chain to. */
export interface TsaSettings {
  url: string;
  /** Trust anchors (PEM); without them a token is checked against the certificate it carries. */
  trusted: Certificate[];
  timeoutMs?: number;
}

const refuse = (message: string) => new FieldbookError('SERVICE_UNAVAILABLE', message);

/** Parses every certificate of a PEM bundle (e.g. AUDIT_TSA_CA_FILE). */
export function certificatesFromPem(pem: string): Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const base64 = block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    return Certificate.fromBER(new Uint8Array(Buffer.from(base64, 'base64')));
  });
}

/**
 * Asks the TSA at `settings.url` to time-stamp `data` (its sha256 goes in a
 * TimeStampReq with a fresh nonce and certReq), checks the TimeStampResp —
 * status granted, the imprint and nonce echoed, the token's signature (and its
 * chain to the trust anchors, when given) — and returns the token (DER).
 */
export async function requestTimestamp(
  data: Uint8Array,
  settings: TsaSettings,
): Promise<{ token: Uint8Array; genTime: number }> {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(data) }),
    }),
    nonce: new asn1js.Integer({ valueHex: new Uint8Array(nonce) }),
    certReq: true,
  });
  let reply: ArrayBuffer;
  try {
    const res = await fetch(settings.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/timestamp-query',
        accept: 'application/timestamp-reply',
      },
      body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 5_000),
    });
    if (!res.ok) throw refuse(`the time-stamp authority answered HTTP ${res.status}`);
    reply = await res.arrayBuffer();
  } catch (err) {
    if (err instanceof FieldbookError) throw err;
    throw refuse(`the time-stamp authority did not answer: ${(err as Error).message}`);
  }
  let response: TimeStampResp;
  try {
    response = TimeStampResp.fromBER(reply);
  } catch {
    throw refuse('the time-stamp authority sent something that is not a TimeStampResp');
  }
  const status = response.status.status;
  if ((status !== 0 && status !== 1) || !response.timeStampToken) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw refuse(`the time-stamp authority refused (status ${status}${text ? `: ${text}` : ''})`);
  }
  const token = new Uint8Array(response.timeStampToken.toSchema().toBER());
  const { genTime } = await verifyTimestampToken(token, data, settings.trusted, nonce);
  return { token, genTime };
}

/**
 * Checks an RFC 3161 TimeStampToken against the `data` it should stamp: a
 * SignedData over a TSTInfo whose SHA-256 imprint is `data`'s, (the nonce,
 * when given), and a valid signature by the certificate it carries — chained
 * to `trusted` when any are given. Returns the TSA's time; throws otherwise.
 */
export async function verifyTimestampToken(
  token: Uint8Array,
  data: Uint8Array,
  trusted: Certificate[],
  nonce?: Uint8Array,
): Promise<{ genTime: number }> {
  let signed: SignedData;
  let info: TSTInfo;
  try {
    const content = ContentInfo.fromBER(token);
    signed = new SignedData({ schema: content.content });
    if (signed.encapContentInfo.eContentType !== TST_INFO_OID || !signed.encapContentInfo.eContent)
      throw new Error('not a time-stamp token');
    info = TSTInfo.fromBER(signed.encapContentInfo.eContent.valueBlock.valueHexView);
  } catch {
    throw refuse('not an RFC 3161 time-stamp token');
  }
  const imprint = info.messageImprint;
  if (
    imprint.hashAlgorithm.algorithmId !== SHA256_OID ||
    !Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).equals(sha256(data))
  ) {
    throw refuse('the time-stamp token stamps other data');
  }
  if (nonce && !Buffer.from(info.nonce?.valueBlock.valueHexView ?? []).equals(nonce)) {
    throw refuse('the time-stamp token answers another request (nonce)');
  }
  let verified = false;
  try {
    verified = await signed.verify({
      signer: 0,
      data: new Uint8Array(data).buffer,
      trustedCerts: trusted,
      checkChain: trusted.length > 0,
    });
  } catch (err) {
    throw refuse(`the time-stamp token does not verify: ${(err as Error).message}`);
  }
  if (!verified) throw refuse('the time-stamp token signature does not verify');
  return { genTime: info.genTime.getTime() };
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
