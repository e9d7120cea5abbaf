import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The converter command is not installed (or not on PATH): no retry will help until an operator acts. */
export class OfficeConverterMissingError extends Error {
  constructor(readonly command: string) {
    super(
      `The office converter "${command}" was not found: install LibreOffice (soffice) or set OFFICE_CONVERTER ` +
        'to its path.',
    );
    this.name = 'OfficeConverterMissingError';
  }
}

/** The converter ran and gave no PDF (a broken file, a crash, a timeout): worth a retry, then reported. */
export class OfficeConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficeConversionError';
  }
}

export interface ConvertOptions {
  /** LibreOffice's command line, `soffice` by default (config OFFICE_CONVERTER). */
  command?: string;
  timeoutMs?: number;
  /** Where the private working folders go (the system temp folder by default). */
  tmpDir?: string;
}

/**
 * DOCX (or any document LibreOffice reads) → PDF with LibreOffice headless. Each run has its own folder and
 * its own user profile (-env:UserInstallation): two conversions at once would otherwise share one profile,
 * and the second would hand its work to the first instance and exit without a file.
 */
export async function convertToPdf(
  document: Uint8Array,
  extension: string,
  o: ConvertOptions = {},
): Promise<Buffer> {
  const command = o.command ?? 'soffice';
  const work = await mkdtemp(path.join(o.tmpDir ?? os.tmpdir(), 'cpdt-convert-'));
  try {
    const input = path.join(work, `paper.${extension.replace(/[^a-z0-9]/gi, '') || 'bin'}`);
    const out = path.join(work, 'out');
    await writeFile(input, document);
    const args = [
      `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      input,
    ];
    const { code, output } = await run(command, args, o.timeoutMs ?? 120_000, work);
    const pdf = await readFile(path.join(out, 'paper.pdf')).catch(() => null);
    if (!pdf?.length)
      throw new OfficeConversionError(
        `LibreOffice made no PDF (exit ${code ?? 'signal'}): ${output.trim().slice(-500) || 'no output'}`,
      );
    return pdf;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The converter's whole environment: it parses untrusted documents, so it gets none of the server's variables
 * (database address, secrets), only what it needs to run, with its home and temp folder in the work folder.
 */
function converterEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    TMPDIR: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
  };
}

function run(
  command: string,
  args: string[],
  timeoutMs: number,
  home: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      // its own process group, so a timeout ends soffice.bin too, not only the wrapper script
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: converterEnv(home),
    });
    let output = '';
    const keep = (b: Buffer) => {
      output = (output + b.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' || e.code === 'EACCES' ? new OfficeConverterMissingError(command) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new OfficeConversionError(`LibreOffice took longer than ${timeoutMs} ms`));
      else resolve({ code, output });
    });
  });
}
