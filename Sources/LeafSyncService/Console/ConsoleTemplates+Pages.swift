/// The catalogue and engine pages (products, customers, settings, errors, commands, connection).
extension ConsoleTemplates {
    static let products = """
        {{<layout}}{{$content}}{{#page}}
        <h2 id="suggested-heading">Suggested links</h2>
        <p>Unlinked products with their best match on the other side (R-PRD-03): the same SKU, else a similar name.</p>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Suggested links (scrolls sideways)">
        <table id="suggestions" aria-labelledby="suggested-heading">
        <thead><tr><th scope="col">LeafLink product</th><th scope="col">Distru product</th><th scope="col">Score</th><th scope="col">Why</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#suggestions}}
        <tr data-leaflink-product="{{leafLinkProduct}}" data-distru-product="{{distruProduct}}">
        <td>{{leafLinkName}} <span class="muted">{{leafLinkProduct}}</span></td>
        <td>{{distruName}} <span class="muted">{{distruProduct}}</span></td>
        <td>{{score}}</td>
        <td>{{reason}}</td>
        <td>
        <form class="accept inline" method="post" action="/console/products/accept">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="product" value="{{leafLinkProduct}}">
        <input type="hidden" name="distruProduct" value="{{distruProduct}}">
        <button type="submit">Accept</button>
        </form>
        </td>
        </tr>
        {{/suggestions}}
        {{^suggestions}}<tr><td colspan="5">No suggestion now: link by hand below.</td></tr>{{/suggestions}}
        </tbody>
        </table>
        </div>

        <h2 id="unlinked-heading">Unlinked products</h2>
        <p>Link one by hand (the other side's id or SKU), or create a Distru product in LeafLink (R-PRD-05: LeafLink needs its brand, category, sub-category and licence ids).</p>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Unlinked products (scrolls sideways)">
        <table id="unlinked" aria-labelledby="unlinked-heading">
        <thead><tr><th scope="col">Side</th><th scope="col">Product</th><th scope="col">SKU</th><th scope="col">Link</th></tr></thead>
        <tbody>
        {{#unlinked}}
        <tr data-side="{{side}}" data-product="{{id}}">
        <td>{{sideName}}</td>
        <td>{{name}} <span class="muted">{{id}}</span></td>
        <td>{{sku}}</td>
        <td>
        <form class="link inline" method="post" action="/console/products/link">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="{{ownField}}" value="{{id}}">
        <label for="link-{{side}}-{{id}}">{{otherName}} product (id or SKU)</label>
        <input id="link-{{side}}-{{id}}" name="{{otherField}}" type="text" value="{{suggested}}" required>
        <button type="submit">Link</button>
        </form>
        {{#isDistru}}
        <details>
        <summary>Create in LeafLink</summary>
        <form class="create-in-leaflink" method="post" action="/console/products/create-in-leaflink">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="product" value="{{id}}">
        {{#placement}}
        <div class="field"><label for="{{fieldID}}">{{label}}</label><input id="{{fieldID}}" name="{{name}}" type="text" inputmode="{{inputMode}}"></div>
        {{/placement}}
        <button type="submit">Create in LeafLink</button>
        </form>
        </details>
        {{/isDistru}}
        </td>
        </tr>
        {{/unlinked}}
        {{^unlinked}}<tr><td colspan="4">Every product is linked.</td></tr>{{/unlinked}}
        </tbody>
        </table>
        </div>

        <h2 id="linked-heading">Linked products</h2>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Linked products (scrolls sideways)">
        <table id="linked" aria-labelledby="linked-heading">
        <thead><tr><th scope="col">Distru product</th><th scope="col">LeafLink product</th><th scope="col">LeafLink fields</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#linked}}
        <tr data-distru-product="{{distruProduct}}" data-leaflink-product="{{leafLinkProduct}}">
        <td>{{distruName}} <span class="muted">{{distruProduct}}</span></td>
        <td>{{leafLinkName}} <span class="muted">{{leafLinkProduct}}</span></td>
        <td><ul>{{#fields}}<li>{{name}}: {{value}}</li>{{/fields}}</ul></td>
        <td>
        <form class="unlink inline" method="post" action="/console/products/unlink">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="product" value="{{distruProduct}}">
        <button type="submit">Unlink</button>
        </form>
        </td>
        </tr>
        {{/linked}}
        </tbody>
        </table>
        </div>
        {{/page}}{{/content}}{{/layout}}
        """

    static let customers = """
        {{<layout}}{{$content}}{{#page}}
        <p>Each LeafLink customer and the Distru company its sales orders are made for (R-CUS).</p>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Customers (scrolls sideways)">
        <table id="customers">
        <thead><tr><th scope="col">Customer</th><th scope="col">Licence</th><th scope="col">Distru company</th><th scope="col">Associate</th></tr></thead>
        <tbody>
        {{#customers}}
        <tr data-customer="{{id}}">
        <td>{{name}} <span class="muted">{{id}}</span></td>
        <td>{{license}}</td>
        <td class="company">{{company}}</td>
        <td>
        <form class="associate inline" method="post" action="/console/customers/associate">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="customer" value="{{id}}">
        <label for="company-{{id}}">Distru company</label>
        <select id="company-{{id}}" name="company">
        {{#companies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/companies}}
        </select>
        <button type="submit">Associate</button>
        </form>
        </td>
        </tr>
        {{/customers}}
        </tbody>
        </table>
        </div>
        {{/page}}{{/content}}{{/layout}}
        """

    static let settings = """
        {{<layout}}{{$content}}{{#page}}
        <p>A change applies from the moment it is saved, never to what already happened (R-SET-02). Preview shows the commands it would add, change or drop first.</p>
        <form id="settings" method="post" action="/console/settings">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#fields}}
        <div class="field">
        <label for="setting-{{key}}">{{label}}</label>
        {{#isSelect}}<select id="setting-{{key}}" name="{{key}}"{{#fieldError}} aria-invalid="true" aria-describedby="error-{{key}}"{{/fieldError}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
        {{^isSelect}}<input id="setting-{{key}}" name="{{key}}" type="text" value="{{value}}"{{#fieldError}} aria-invalid="true" aria-describedby="error-{{key}}"{{/fieldError}}>{{/isSelect}}
        <p class="help">{{help}}</p>
        {{#fieldError}}<p class="field-error" id="error-{{key}}">{{fieldError}}</p>{{/fieldError}}
        </div>
        {{/fields}}
        <button type="submit" name="preview" value="1">Preview</button>
        <button type="submit" name="save" value="1">Save</button>
        </form>
        {{#whatIf}}
        <section id="what-if" aria-labelledby="what-if-heading">
        <h2 id="what-if-heading">What if: {{change}}</h2>
        <p>{{summary}}</p>
        {{#hasDifferences}}
        <div class="table-wrap" role="region" tabindex="0" aria-label="Commands that would differ (scrolls sideways)">
        <table>
        <thead><tr><th scope="col">Change</th><th scope="col">Target</th><th scope="col">Command</th><th scope="col">Rule</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
        <tbody>
        {{#differences}}<tr><td>{{kind}}</td><td>{{target}}</td><td>{{action}}</td><td>{{rule}}</td><td><code>{{before}}</code></td><td><code>{{after}}</code></td></tr>
        {{/differences}}
        </tbody>
        </table>
        </div>
        {{/hasDifferences}}
        <p class="muted">Nothing was recorded.</p>
        </section>
        {{/whatIf}}
        <h2>Not settings</h2>
        <dl class="facts">{{#facts}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        {{/page}}{{/content}}{{/layout}}
        """

    static let errors = """
        {{<layout}}{{$content}}{{#page}}
        <p>Sync errors, open and resolved (R-ERR). A failed push resolves by retrying it; the others resolve by themselves once their cause is fixed.</p>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Sync errors (scrolls sideways)">
        <table id="errors">
        <thead><tr><th scope="col">Error</th><th scope="col">Rule</th><th scope="col">Opened</th><th scope="col">Resolved</th><th scope="col">E-mailed</th><th scope="col">Message</th><th scope="col">Fix</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#errors}}
        <tr data-error="{{id}}" class="{{state}}">
        <td>{{subject}}</td>
        <td>{{rule}}</td>
        <td>{{opened}}</td>
        <td>{{resolved}}</td>
        <td>{{emailed}}</td>
        <td>{{message}}</td>
        <td>{{fix}}</td>
        <td>{{#open}}
        <form class="resolve inline" method="post" action="/console/errors/resolve">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="id" value="{{id}}">
        <button type="submit">Resolve</button>
        </form>
        {{/open}}{{^open}}{{#isOpen}}resolves by itself once fixed{{/isOpen}}{{/open}}</td>
        </tr>
        {{/errors}}
        {{^errors}}<tr><td colspan="8">No sync error.</td></tr>{{/errors}}
        </tbody>
        </table>
        </div>
        {{/page}}{{/content}}{{/layout}}
        """

    static let commands = """
        {{<layout}}{{$content}}{{#page}}
        <p>The pushes still to do and those that failed for good (R-ENG-03, R-ERR-03): attempts, next attempt, what each waits for and its last error. {{done}} command(s) succeeded.</p>
        {{#hasFailed}}
        <form class="retry-failed inline" method="post" action="/console/commands/retry">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="failed" value="true">
        <button type="submit">Retry every failed command</button>
        </form>
        {{/hasFailed}}
        <div class="table-wrap" role="region" tabindex="0" aria-label="Pending and failed pushes (scrolls sideways)">
        <table id="commands">
        <thead><tr><th scope="col">Command</th><th scope="col">Target</th><th scope="col">Rule</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Next attempt</th><th scope="col">Waits for</th><th scope="col">Last error</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#commands}}
        <tr data-command="{{key}}">
        <td>{{action}} <span class="muted">{{key}}</span></td>
        <td>{{target}}</td>
        <td>{{rule}}</td>
        <td class="command-status">{{status}}</td>
        <td>{{attempts}}</td>
        <td>{{nextAttempt}}</td>
        <td>{{dependsOn}}</td>
        <td>{{lastError}}</td>
        <td>{{#failed}}
        <form class="retry inline" method="post" action="/console/commands/retry">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="key" value="{{key}}">
        <button type="submit">Retry</button>
        </form>
        {{/failed}}</td>
        </tr>
        {{/commands}}
        {{^commands}}<tr><td colspan="9">Nothing pending, nothing failed.</td></tr>{{/commands}}
        </tbody>
        </table>
        </div>
        {{/page}}{{/content}}{{/layout}}
        """

    static let connection = """
        {{<layout}}{{$content}}{{#page}}
        <h2>Remotes</h2>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Remotes (scrolls sideways)">
        <table id="remotes">
        <thead><tr><th scope="col">Remote</th><th scope="col">State</th><th scope="col">Base URL</th><th scope="col">Webhooks</th></tr></thead>
        <tbody>
        {{#remotes}}<tr data-remote="{{name}}"><td>{{name}}</td><td>{{state}}</td><td>{{baseURL}}</td><td>{{webhooks}}</td></tr>
        {{/remotes}}
        </tbody>
        </table>
        </div>
        <p class="muted">Keys are never shown; they live in the service's configuration only (R-SET-01).</p>
        <h2>Fetches</h2>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Fetches (scrolls sideways)">
        <table id="fetches">
        <thead><tr><th scope="col">What</th><th scope="col">Last</th><th scope="col">Lag</th></tr></thead>
        <tbody>
        {{#fetches}}<tr><td>{{name}}</td><td>{{last}}</td><td>{{lag}}</td></tr>
        {{/fetches}}
        </tbody>
        </table>
        </div>
        <h2>Webhook deliveries</h2>
        <ul id="webhooks">{{#webhooks}}<li>{{name}}</li>{{/webhooks}}{{^webhooks}}<li>none since the service started</li>{{/webhooks}}</ul>
        <h2>Health</h2>
        <p id="health">{{health}}</p>
        <dl class="facts">{{#checks}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/checks}}</dl>
        {{/page}}{{/content}}{{/layout}}
        """
}
