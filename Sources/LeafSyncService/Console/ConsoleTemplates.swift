import Mustache

/// The console's Mustache templates, kept in the binary (no resource files to lose when the
/// executable is copied). Every value goes through `{{ }}`, which HTML-escapes it (`<`, `>`, `&`,
/// `"`, `'`); no template uses the unescaped `{{{ }}}` or `{{& }}`. Each page is a child of
/// `layout` (template inheritance: `{{<layout}}{{$content}}…{{/content}}{{/layout}}`), which
/// gives every page its landmarks (`header` with the `nav`, `main#main`), its one `h1`, the
/// notice or error of the last action, and the styles.
enum ConsoleTemplates {
    /// The templates, parsed once; a template that does not parse stops the process at first use
    /// (the console tests render every page).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let all = [
            "layout": layout, "sign-in": signIn, "orders": orders, "order": order, "users": users, "products": products,
            "customers": customers, "settings": settings, "errors": errors, "commands": commands, "connection": connection,
        ]
        for (name, text) in all {
            do { try library.register(text, named: name) } catch {
                preconditionFailure("console template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · LeafSync console</title>
        <style>
        :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; }
        body { margin: 0; line-height: 1.45; }
        a { color: #0b4f9c; }
        a:focus, button:focus, input:focus, select:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; padding: 0.25rem; }
        header { background: #123d2a; color: #fff; padding: 0.5rem 1rem; }
        header .brand { margin: 0 0 0.25rem; font-weight: 700; }
        nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
        nav a { color: #fff; } nav a[aria-current="page"] { font-weight: 700; }
        main { padding: 1rem; max-width: 90rem; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; } h2 { font-size: 1.2rem; margin-top: 1.5rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
        th, td { border-bottom: 1px solid #c9c9c9; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        td { min-width: 6rem; }
        th { background: #eef2ef; }
        td ul { margin: 0; padding-left: 1.1rem; }
        form.inline { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; margin: 0.15rem 0; }
        label { font-weight: 600; }
        input, select, button { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid #6b6b6b; border-radius: 3px; max-width: 100%; }
        button { background: #123d2a; color: #fff; border-color: #123d2a; cursor: pointer; }
        .field { margin: 0 0 0.9rem; display: flex; flex-direction: column; gap: 0.2rem; max-width: 36rem; }
        .help { color: #4a4a4a; font-size: 0.9rem; margin: 0; }
        .notice { background: #e6f4ea; border-left: 4px solid #1e7b34; padding: 0.5rem 0.75rem; }
        .form-error, .field-error { color: #a4161a; font-weight: 600; }
        .form-error { background: #fdecec; border-left: 4px solid #a4161a; padding: 0.5rem 0.75rem; }
        .field-error { margin: 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dl.facts dt { font-weight: 600; }
        .muted { color: #4a4a4a; }
        footer { padding: 1rem; border-top: 1px solid #c9c9c9; }
        </style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header>
        <p class="brand">LeafSync console</p>
        <nav aria-label="Console">
        <ul>
        {{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
        {{/nav}}
        </ul>
        </nav>
        </header>
        <main id="main">
        <h1>{{title}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
        {{$content}}{{/content}}
        </main>
        {{#signedIn}}
        <footer>
        <form method="post" action="/console/sign-out" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        </footer>
        {{/signedIn}}
        </body>
        </html>

        """

    static let signIn = """
        {{<layout}}{{$content}}
        <p>Sign in with the service's admin token (LEAFSYNC_ADMIN_TOKEN).</p>
        <form id="sign-in" method="post" action="/console/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div class="field">
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required>
        </div>
        <button type="submit">Sign in</button>
        </form>
        {{/content}}{{/layout}}
        """

    static let orders = """
        {{<layout}}{{$content}}{{#page}}
        <p>Every LeafLink order LeafSync knows, with its Distru sales order; a blocked order lists each reason and where to fix it.</p>
        <div class="table-wrap" role="region" tabindex="0" aria-label="Orders (scrolls sideways)">
        <table id="orders">
        <caption class="muted">{{count}} order(s)</caption>
        <thead><tr><th scope="col">Order</th><th scope="col">Customer</th><th scope="col">LeafLink status</th><th scope="col">Sync</th><th scope="col">Sales order</th><th scope="col">Blocked by</th></tr></thead>
        <tbody>
        {{#orders}}
        <tr data-order="{{number}}">
        <td><a href="{{href}}">{{number}}</a>{{#shortID}} <span class="muted">({{shortID}})</span>{{/shortID}}</td>
        <td>{{customer}}</td>
        <td class="status">{{status}}</td>
        <td class="phase">{{phase}}</td>
        <td class="so">{{so}}</td>
        <td class="blockers">{{#blocked}}<ul>{{#blockers}}<li>{{text}}{{#fix}} · fix: {{#fixHref}}<a href="{{fixHref}}">{{fix}}</a>{{/fixHref}}{{^fixHref}}{{fix}}{{/fixHref}}{{/fix}}</li>{{/blockers}}</ul>{{/blocked}}</td>
        </tr>
        {{/orders}}
        {{^orders}}<tr><td colspan="6">No LeafLink order yet.</td></tr>{{/orders}}
        </tbody>
        </table>
        </div>
        {{/page}}{{/content}}{{/layout}}
        """

    static let order = """
        {{<layout}}{{$content}}{{#page}}
        <p><a href="/console/orders">All orders</a></p>
        {{#order}}
        <dl class="facts">
        <dt>LeafLink order</dt><dd>{{number}}{{#shortID}} ({{shortID}}){{/shortID}}</dd>
        <dt>Customer</dt><dd>{{customer}}</dd>
        <dt>LeafLink status</dt><dd class="status">{{status}}</dd>
        <dt>Sync</dt><dd class="phase">{{phase}}</dd>
        <dt>Sales order</dt><dd class="so">{{so}}</dd>
        </dl>
        {{#blocked}}
        <h2>Why it waits</h2>
        <ul class="blockers">{{#blockers}}<li>{{text}}{{#fix}} · fix: {{#fixHref}}<a href="{{fixHref}}">{{fix}}</a>{{/fixHref}}{{^fixHref}}{{fix}}{{/fixHref}}{{/fix}}</li>{{/blockers}}</ul>
        {{/blocked}}
        {{/order}}
        {{#hasErrors}}
        <h2>Open sync errors</h2>
        <ul>{{#errors}}<li>{{message}} · fix: {{fix}}</li>{{/errors}}</ul>
        {{/hasErrors}}
        <h2>Timeline</h2>
        <p class="muted">Every decision and command about this order, from the log ({{source}}).</p>
        <ol id="timeline">
        {{#timeline}}<li><span class="sequence">#{{sequence}}</span> <time>{{time}}</time> <span class="rule">{{rule}}</span> <span class="text">{{text}}</span>{{#event}} <span class="muted">({{event}})</span>{{/event}}</li>
        {{/timeline}}
        </ol>
        {{/page}}{{/content}}{{/layout}}
        """

    static let users = """
        {{<layout}}{{$content}}{{#page}}
        <p>Each LeafLink rep and the Distru user its orders are made by (R-USR-01); the suggestion has the same e-mail.</p>
        <div class="table-wrap" role="region" tabindex="0" aria-label="LeafLink reps (scrolls sideways)">
        <table id="reps">
        <thead><tr><th scope="col">Rep</th><th scope="col">E-mail</th><th scope="col">Mapped to</th><th scope="col">Suggested</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#reps}}
        <tr data-rep="{{id}}">
        <td>{{name}} <span class="muted">{{id}}{{^active}}, inactive{{/active}}</span></td>
        <td>{{email}}</td>
        <td class="mapped">{{mapped}}</td>
        <td class="suggested">{{suggested}}</td>
        <td>
        {{#isMapped}}
        <form class="unmap-rep inline" method="post" action="/console/users/unmap">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="rep" value="{{id}}">
        <button type="submit">Unmap</button>
        </form>
        {{/isMapped}}
        {{^isMapped}}
        <form class="map-rep inline" method="post" action="/console/users/map">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="rep" value="{{id}}">
        <label for="user-{{id}}">Distru user</label>
        <select id="user-{{id}}" name="user">
        {{#users}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/users}}
        </select>
        <button type="submit">Map</button>
        </form>
        {{/isMapped}}
        </td>
        </tr>
        {{/reps}}
        </tbody>
        </table>
        </div>
        {{/page}}{{/content}}{{/layout}}
        """
}
