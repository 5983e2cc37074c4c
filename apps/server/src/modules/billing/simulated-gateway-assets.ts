import { SIMULATED_GATEWAY_PREFIX } from './simulated-gateway.ts';

/**
 * The simulated gateway's browser script (served at /simulated-gateway/v1/gateway.js).
 * It defines `window.glowdeskSimulatedGateway.createToken(card)`, which posts the card to
 * the gateway (never to /api/v1) and resolves to `{ token, card: { brand, last4, expMonth,
 * expYear } }`, or rejects with an Error carrying the problem's `field` and `code`. On the
 * hosted card form it also wires the form and posts the token to the parent window.
 */
export const simulatedGatewayScript = `'use strict';
(function () {
  var tokenizeUrl = '${SIMULATED_GATEWAY_PREFIX}/tokens';
  var brandNames = {
    visa: 'Visa',
    mastercard: 'Mastercard',
    amex: 'American Express',
    discover: 'Discover',
    diners: 'Diners Club',
    jcb: 'JCB',
    unionpay: 'UnionPay',
  };

  function createToken(card) {
    return fetch(tokenizeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        number: String(card.number || ''),
        expMonth: Number(card.expMonth),
        expYear: Number(card.expYear),
        cvc: String(card.cvc || ''),
        postalCode: card.postalCode ? String(card.postalCode) : undefined,
      }),
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) return body;
        var error = new Error(body.detail || 'The card could not be tokenized.');
        error.field = body.field;
        error.code = body.code;
        error.status = response.status;
        throw error;
      });
    });
  }

  window.glowdeskSimulatedGateway = { tokenizeUrl: tokenizeUrl, createToken: createToken };

  var form = document.getElementById('glowdesk-card-form');
  if (!form) return;
  var status = document.getElementById('glowdesk-card-status');
  var submit = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var expiry = String(form.elements.expiry.value).split('/');
    submit.disabled = true;
    status.textContent = 'Checking the card…';
    form.querySelectorAll('[aria-invalid]').forEach(function (input) {
      input.removeAttribute('aria-invalid');
    });
    createToken({
      number: form.elements.number.value,
      expMonth: expiry[0],
      expYear: expiry[1],
      cvc: form.elements.cvc.value,
      postalCode: form.elements.postalCode.value,
    })
      .then(function (result) {
        // The card fields are cleared: the number lives only in this frame, only until now.
        form.reset();
        status.textContent = (brandNames[result.card.brand] || 'Card') + ' ending ' + result.card.last4 + ' is ready.';
        if (window.parent !== window) {
          window.parent.postMessage({ type: 'glowdesk:gateway-token', token: result.token, card: result.card }, window.location.origin);
        }
      })
      .catch(function (error) {
        var fieldNames = { number: 'number', expMonth: 'expiry', expYear: 'expiry', cvc: 'cvc', postalCode: 'postalCode' };
        var input = error.field && form.elements[fieldNames[error.field]];
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        }
        status.textContent = error.message;
      })
      .finally(function () {
        submit.disabled = false;
      });
  });
})();
`;

/** The hosted card form: embed it in an iframe; it posts `{ type: 'glowdesk:gateway-token', token, card }` to the parent. */
export const simulatedCardFormHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Card details — simulated gateway</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; padding: 12px; color: #1f2937; }
  form { display: grid; gap: 10px; grid-template-columns: 1fr 1fr; max-width: 420px; }
  label { display: grid; gap: 4px; font-weight: 500; }
  .wide { grid-column: 1 / -1; }
  input { font: inherit; padding: 8px 10px; border: 1px solid #9ca3af; border-radius: 6px; }
  input[aria-invalid=true] { border-color: #b91c1c; outline-color: #b91c1c; }
  button { font: inherit; padding: 9px 14px; border: 0; border-radius: 6px; background: #6d28d9; color: #fff; cursor: pointer; }
  button:disabled { opacity: 0.6; }
  p { margin: 0; }
  .note { color: #4b5563; font-size: 13px; }
</style>
</head>
<body>
<form id="glowdesk-card-form" novalidate>
  <label class="wide">Card number
    <input name="number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
  </label>
  <label>Expiry (MM/YY)
    <input name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="12/30" required>
  </label>
  <label>CVC
    <input name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required>
  </label>
  <label class="wide">Postal code (optional)
    <input name="postalCode" autocomplete="postal-code">
  </label>
  <button type="submit" class="wide">Use this card</button>
  <p id="glowdesk-card-status" class="wide" role="status" aria-live="polite"></p>
  <p class="wide note">Simulated gateway (test mode): only test cards such as 4242 4242 4242 4242 are accepted.</p>
</form>
<script src="${SIMULATED_GATEWAY_PREFIX}/gateway.js"></script>
</body>
</html>
`;
