import { Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { Content } from '@igny8/contracts';

const checks: { key: 'keywordInTitle' | 'keywordInFirstParagraph' | 'keywordInH2'; label: string }[] = [
  { key: 'keywordInTitle', label: 'Keyword in the title' },
  { key: 'keywordInFirstParagraph', label: 'Keyword in the first paragraph' },
  { key: 'keywordInH2', label: 'Keyword in an H2 heading' },
];

/** The server's on-page checks for the primary keyword, as of the last save. */
export function SeoChecklist({ content, unsaved }: { content: Content; unsaved: boolean }) {
  const passed = checks.filter((c) => content.seoChecks[c.key]).length;
  return (
    <div data-testid="seo-checklist">
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          SEO checks
        </Text>
        <Text size="xs" c={passed === checks.length ? 'teal' : 'dimmed'}>
          {passed}/{checks.length} passed
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Primary keyword: <b>{content.primaryKeyword}</b>
        {unsaved ? ' · updated when you save' : ''}
      </Text>
      <List spacing={6} size="sm" center>
        {checks.map((c) => {
          const ok = content.seoChecks[c.key];
          return (
            <List.Item
              key={c.key}
              data-testid={`seo-${c.key}`}
              data-passed={ok ? 'true' : 'false'}
              icon={
                <ThemeIcon size={20} radius="xl" variant="light" color={ok ? 'teal' : 'red'}>
                  {ok ? <IconCheck size={13} /> : <IconX size={13} />}
                </ThemeIcon>
              }
            >
              <Text size="sm" c={ok ? undefined : 'dimmed'}>
                {c.label}
              </Text>
            </List.Item>
          );
        })}
      </List>
    </div>
  );
}
