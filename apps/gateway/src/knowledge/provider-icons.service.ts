import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@sluice/contracts';

/** Sluice runs one provider (`openai`, any OpenAI-compatible server): a plain badge stands for it. */
@Injectable()
export class ProviderIconsService {
  svg(provider: string, iconType: string): string {
    if (provider !== 'openai' || !['icon_small', 'icon_large'].includes(iconType)) throw new NotFoundError('Icon not found.');
    const wide = iconType === 'icon_large';
    const [w, h] = wide ? [96, 24] : [24, 24];
    const label = wide ? 'OpenAI' : 'AI';
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" rx="6" fill="#10a37f"/><text x="${w / 2}" y="16" font-family="sans-serif" font-size="11" font-weight="bold" fill="#fff" text-anchor="middle">${label}</text></svg>`;
  }
}
