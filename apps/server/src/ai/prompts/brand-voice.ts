/** What a prompt needs of a brand voice. */
export interface VoiceProfile {
  name: string;
  tone: string;
  audience: string;
  pointOfView: string;
  dos: string[];
  donts: string[];
  bannedWords: string[];
  styleGuide?: string | null;
}

export const NO_BRAND_VOICE =
  'No particular brand voice: write clearly and warmly, as an expert talking to a smart reader.';

/** The profile as written: what `{brand_voice}` says when no style guide was learned, and what learning starts from. */
export function voiceProfileText(v: VoiceProfile): string {
  const lines = [`Write as “${v.name}”.`];
  if (v.tone) lines.push(`Tone: ${v.tone}.`);
  if (v.audience) lines.push(`Audience: ${v.audience}.`);
  if (v.pointOfView) lines.push(`Point of view: ${v.pointOfView}.`);
  if (v.dos.length) lines.push(`Do:\n${v.dos.map((d) => `- ${d}`).join('\n')}`);
  if (v.donts.length) lines.push(`Don't:\n${v.donts.map((d) => `- ${d}`).join('\n')}`);
  if (v.bannedWords.length) lines.push(`Never use these words: ${v.bannedWords.join(', ')}.`);
  return lines.join('\n');
}

/** `{brand_voice}`: the profile, plus its learned style guide. */
export function brandVoiceText(v: VoiceProfile | null | undefined): string {
  if (!v) return NO_BRAND_VOICE;
  const profile = voiceProfileText(v);
  return v.styleGuide ? `${profile}\nStyle guide:\n${v.styleGuide}` : profile;
}
