import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { download, DownloadRefusedError } from '../../net/download';
import { OutboundBlockedError, type OutboundPolicy } from '../../net/outbound';
import type { FileStorage } from '../../storage/files';
import type { SiteRow } from '../sites/repo';
import { generatedImageFiles } from '../writer/images-repo';
import * as writerRepo from '../writer/repo';
import {
  bodyImageSources,
  decodeDataUri,
  IMAGE_TYPES,
  imageFilename,
  markerOf,
  type PackageImage,
  type PublishPackage,
} from './package';
import { clusterNameOf, type PublicationRow } from './repo';

/**
 * Builds one publication's package from the article, its generated images (from storage), the
 * images in its body (data: URIs decoded, http(s) URLs downloaded through the outbound policy) and
 * its cluster (a tag). An image that cannot be had is a warning, not a failed publish.
 */
export async function loadPackage(
  deps: { db: Db; storage: FileStorage; outbound: OutboundPolicy; imageMaxBytes: number },
  t: TenantContext,
  site: SiteRow,
  publication: PublicationRow,
): Promise<{ pkg: PublishPackage; warnings: string[] }> {
  const { db } = deps;
  const content = await writerRepo.requireContent(db, t, site.id, publication.contentId);
  const warnings: string[] = [];
  const images: PackageImage[] = [];
  for (const { image, fileKey } of await generatedImageFiles(db, t, site.id, [content.id])) {
    const data = fileKey ? await deps.storage.get(fileKey) : undefined;
    if (!data) {
      warnings.push(
        `The ${image.kind === 'featured' ? 'featured image' : `image after “${image.placement ?? ''}”`} has no file and was left out`,
      );
      continue;
    }
    const mimeType = image.mimeType ?? 'image/png';
    images.push({
      key: image.id,
      kind: image.kind,
      placement: image.placement,
      position: image.position,
      alt: image.alt,
      caption: image.caption,
      data,
      mimeType,
      filename: imageFilename(content.slug, image.kind === 'featured' ? 'featured' : String(image.position), mimeType),
    });
  }
  for (const [i, found] of bodyImageSources(content.bodyHtml).entries()) {
    const local = decodeDataUri(found.src);
    try {
      const got =
        local ??
        (await download(
          deps.outbound,
          found.src,
          { contentTypes: IMAGE_TYPES, maxBytes: deps.imageMaxBytes },
          { trusted: false },
        ));
      images.push({
        key: found.key,
        kind: 'body',
        placement: null,
        position: 1000 + i,
        alt: found.alt,
        caption: '',
        data: got.data,
        mimeType: got.mimeType,
        filename: imageFilename(content.slug, `body-${i + 1}`, got.mimeType),
        src: found.src,
      });
    } catch (e) {
      if (!(
        e instanceof OutboundBlockedError ||
        e instanceof DownloadRefusedError ||
        e instanceof TypeError ||
        (e as Error).name === 'TimeoutError'
      ))
        throw e;
      warnings.push(
        `An image in the body could not be fetched and keeps its original address (${(e as Error).message.slice(0, 200)})`,
      );
    }
  }
  const cluster = await clusterNameOf(db, t, content.id);
  return {
    pkg: {
      publicationId: publication.id,
      marker: markerOf(publication.id),
      contentId: content.id,
      title: content.title,
      slug: content.slug,
      excerpt: content.excerpt,
      bodyHtml: content.bodyHtml,
      language: site.language,
      seo: {
        title: content.metaTitle || content.title,
        description: content.metaDescription,
        focusKeyword: content.primaryKeyword,
      },
      categories: [],
      tags: cluster ? [cluster] : [],
      images,
      site: { name: site.name, url: site.url },
      createdAt: content.createdAt,
      updatedAt: content.updatedAt,
    },
    warnings,
  };
}
