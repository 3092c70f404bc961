// Placeholder until the triage module's redaction lands: masks phone numbers and e-mails.
export function redactPersonalData(text: string): string {
  return text.replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]').replace(/(?:\+?84|0)(?:[\s.-]?\d){8,10}/g, '[phone]');
}
