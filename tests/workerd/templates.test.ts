// Template rendering: placeholders filled in one pass, and a clear English reason when the parameters do not fit
// the body (count, empty values, characters WhatsApp refuses). The same rule, from the contract, drives the
// agent's template form (one field per placeholder, the same refusals, a preview).
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../workers/channels/templates';
import { fillTemplate, templateParameterCount, templateParameterProblem } from '../../workers/contract';

describe('renderTemplate', () => {
  it('fills {{1}}…{{n}}, repeated placeholders included, keeping accents and emoji', () => {
    expect(
      renderTemplate('Olá {{1}}, sua fatura de {{2}} vence em {{3}}. {{1}}, pague pelo Pix 💸', [
        'Maria',
        'R$ 99,90',
        '10/07',
      ]),
    ).toEqual({
      ok: true,
      text: 'Olá Maria, sua fatura de R$ 99,90 vence em 10/07. Maria, pague pelo Pix 💸',
    });
    expect(renderTemplate('Sem parâmetros', [])).toEqual({ ok: true, text: 'Sem parâmetros' });
    expect(renderTemplate('Oi {{ 1 }}', ['João'])).toEqual({ ok: true, text: 'Oi João' });
  });

  it('does not expand placeholders that arrive inside a parameter', () => {
    expect(renderTemplate('{{1}} e {{2}}', ['{{2}}', 'b'])).toEqual({ ok: true, text: '{{2}} e b' });
  });

  it('needs exactly as many parameters as the highest placeholder', () => {
    expect(renderTemplate('Oi {{1}}, protocolo {{2}}', ['Maria'])).toEqual({
      ok: false,
      reason: 'the template takes 2 parameters, got 1',
    });
    expect(renderTemplate('Oi {{1}}', ['Maria', 'extra'])).toEqual({
      ok: false,
      reason: 'the template takes 1 parameter, got 2',
    });
    expect(renderTemplate('Sem parâmetros', ['x'])).toEqual({
      ok: false,
      reason: 'the template takes no parameters, got 1',
    });
    // A gap still counts up to the highest index.
    expect(renderTemplate('{{1}} {{3}}', ['a', 'b', 'c'])).toEqual({ ok: true, text: 'a c' });
    expect(renderTemplate('{{0}}', [])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('{{1}}'),
    });
  });

  it('refuses empty parameters and the characters Graph rejects', () => {
    expect(renderTemplate('Oi {{1}}', ['  '])).toEqual({ ok: false, reason: 'parameter 1 is empty' });
    for (const bad of ['linha\nquebrada', 'com\ttab', 'cinco     espaços']) {
      expect(renderTemplate('{{1}} {{2}}', ['ok', bad])).toMatchObject({
        ok: false,
        reason: expect.stringContaining('parameter 2'),
      });
    }
  });
});

describe('the template form’s rule (shared with the server)', () => {
  it('counts the fields a body needs and says what is wrong with a value, as the server does', () => {
    expect(templateParameterCount('Olá {{1}}, sua fatura de {{2}} está disponível.')).toBe(2);
    expect(templateParameterCount('{{1}} {{3}}')).toBe(3);
    expect(templateParameterCount('Sem parâmetros')).toBe(0);
    expect(templateParameterCount('{{0}}')).toBeNull();
    expect(templateParameterProblem('Maria')).toBeNull();
    expect(templateParameterProblem('quatro    espaços')).toBeNull();
    for (const empty of ['', '   ']) expect(templateParameterProblem(empty)).toBe('empty');
    for (const bad of ['linha\nquebrada', 'com\ttab', 'cinco     espaços', 'cr\rlf']) {
      expect(templateParameterProblem(bad)).toBe('forbidden');
      // What the form refuses, the server refuses too.
      expect(renderTemplate('{{1}}', [bad]).ok).toBe(false);
    }
  });

  it('previews a body with the values typed so far, leaving the missing ones as {{n}}', () => {
    expect(fillTemplate('Olá {{1}}, fatura de {{2}}', ['Maria'])).toBe('Olá Maria, fatura de {{2}}');
    expect(fillTemplate('Olá {{1}}, fatura de {{2}}', ['Maria', ' '])).toBe('Olá Maria, fatura de {{2}}');
    expect(fillTemplate('{{1}} e {{2}}', ['{{2}}', 'b'])).toBe('{{2}} e b');
  });
});
