// The panel holding the widget's iframe: 380×600 at the launcher's corner, the whole screen below 600 px.
// Created once and only hidden while closed, so the widget's socket keeps running (unread counts, resume).
import { type WidgetLocale, widgetFramePath } from '../../../workers/contract/widget-bridge';

export interface Panel {
  el: HTMLElement;
  iframe: HTMLIFrameElement;
}

export function createPanel(origin: string, channelId: string, locale: WidgetLocale, title: string): Panel {
  const el = document.createElement('div');
  el.className = 'p';
  el.hidden = true;
  const iframe = document.createElement('iframe');
  iframe.setAttribute('data-fio-widget', '');
  iframe.title = title;
  iframe.src = origin + widgetFramePath(channelId, location.origin, locale);
  el.appendChild(iframe);
  return { el, iframe };
}
