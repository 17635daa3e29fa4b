// Desktop notifications (permission asked from a button, never on load) and a short beep made with WebAudio
// (no audio file to download) for new customer messages the agent should see.
import { createSignal } from 'solid-js';

type Permission = NotificationPermission | 'unsupported';

const supported = typeof window !== 'undefined' && 'Notification' in window;
const [permission, setPermission] = createSignal<Permission>(
  supported ? Notification.permission : 'unsupported',
);
const [soundOn, setSoundOnSignal] = createSignal(localStorage.getItem('fio.sound') !== 'off');

export { permission, soundOn };

export async function askNotificationPermission(): Promise<void> {
  if (!supported) return;
  setPermission(await Notification.requestPermission());
  unlockAudio();
}

export function setSoundOn(on: boolean): void {
  localStorage.setItem('fio.sound', on ? 'on' : 'off');
  setSoundOnSignal(on);
  if (on) unlockAudio();
}

let audio: AudioContext | null = null;

/** Browsers only let a page play sound after a user gesture: create the context on one. */
export function unlockAudio(): void {
  if (audio || typeof AudioContext === 'undefined') return;
  audio = new AudioContext();
}

export function beep(): void {
  if (!soundOn() || !audio) return;
  if (audio.state === 'suspended') void audio.resume();
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = 'sine';
  osc.frequency.value = 880;
  const now = audio.currentTime;
  gain.gain.setValueAtTime(0.0001, now);
  gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
  osc.connect(gain).connect(audio.destination);
  osc.start(now);
  osc.stop(now + 0.3);
}

/** A desktop notification that opens the conversation when clicked. */
export function desktopNotify(title: string, body: string, tag: string, onClick: () => void): void {
  if (!supported || Notification.permission !== 'granted') return;
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
