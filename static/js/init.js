// Marks the page as JavaScript-enabled before it paints, as the GOV.UK template does.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
