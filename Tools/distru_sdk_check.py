"""Drives the official Distru Python SDK (distru-sdk 1.0.2) against the LeafSync Distru
simulator at $DISTRU_SIM_URL. Run by Tools/distru-sdk-check; exits non-zero on the first failure."""
import json
import os
import sys
import urllib.request
import uuid

from distru_sdk import DistruClient

ROOT = os.environ["DISTRU_SIM_URL"].rstrip("/")
KEY = os.environ.get("DISTRU_SIM_KEY", "sim-distru-key")
checks = 0


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(ROOT + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def check(ok, what):
    global checks
    if not ok:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)
    checks += 1
    print(f"ok: {what}")


client = DistruClient(api_token=KEY, base_url=ROOT + "/public/v1", max_retries=1)

# Small pages so auto-pagination has to follow next_page.
control("PUT", "/_sim/settings", {"page_sizes": {"products": 2, "orders": 2}})

products = list(client.products.list().auto_paginate())
check(len(products) >= 5, f"products.list().auto_paginate() walked every page ({len(products)} products)")
first = client.products.list()
check(first.has_more() and len(first) == 2, "first page holds 2 products and has more")
pid = products[0]["id"]
got = client.products.get(pid) if hasattr(client.products, "get") else client.products._get(f"/products/{pid}")
check(got["data"]["id"] == pid, "products.get returns {'data': product}")
check(isinstance(got["data"]["unit_price"], str), "decimals are strings")

created = client.products.create(name="SDK Gummies 10pk", unit_type_id=3, inventory_tracking_method="BATCH",
                                 sku="SDK-GUM-10", sale_price="12.50")
new_pid = created["data"]["id"]
check(created["data"]["unit_price"] == "12.500000", "products.create maps sale_price to unit_price")
chosen = str(uuid.uuid4())
upserted = client.products.upsert({"name": "SDK Upserted Product", "inventory_tracking_method": "PRODUCT"}, id=chosen)
check(upserted["data"]["id"] == chosen, "products.upsert with a new id creates under that id")
again = client.products.upsert({"unit_price": "3.000000"}, id=chosen)
check(again["data"]["name"] == "SDK Upserted Product" and again["data"]["unit_price"] == "3.000000",
      "products.upsert is sparse (name kept, price changed)")

orders = list(client.orders.list().auto_paginate())
check(len(orders) >= 3, f"orders.list().auto_paginate() walked every page ({len(orders)} orders)")
company = client.companies.list().data[0]["id"]
order = client.orders.create(company_relationship_id=company, order_date="2026-11-27",
                             order_items=[{"product_id": pid, "quantity": "4", "unit_price": "9.00"}])
oid = order["data"]["id"]
check(order["data"]["status"] == "PENDING" and order["data"]["total"] == "36.000000", "orders.create makes a PENDING order")
check(client.orders.get(oid)["data"]["order_number"] == order["data"]["order_number"], "orders.get finds it")
up = client.orders.upsert({"status": "PROCESSING"}, id=oid)
check(up["data"]["status"] == "PROCESSING" and len(up["data"]["items"]) == 1, "orders.upsert changes status, keeps items")
chosen_order = str(uuid.uuid4())
made = client.orders.upsert({"company_id": company, "items": [{"product_id": pid, "quantity": "1"}]}, id=chosen_order)
check(made["data"]["id"] == chosen_order, "orders.upsert with a new id creates under that id")
count = len(list(client.orders.list().auto_paginate()))
client.orders.upsert({"company_id": company, "items": [{"product_id": pid, "quantity": "1"}]}, id=chosen_order)
check(len(list(client.orders.list().auto_paginate())) == count, "repeating that upsert makes no second order")

invoice = client.invoices.create(order_id=oid, invoice_date="2026-11-27", due_date="2026-12-27")
iid = invoice["data"]["id"]
paid = client.invoices.add_payment(iid, amount="10.00", payment_date="2026-11-28", payment_method="ACH", notes="SDK check")
check(paid["data"]["paid_amount"] == "10.000000" and paid["data"]["status"] == "PARTIALLY_PAID",
      "invoices.add_payment records the payment")
check(len(client.invoices.get(iid)["data"]["payments"]) == 1, "invoices.get shows it")

from distru_sdk import exceptions
try:
    client.orders.upsert({"items": [{"product_id": pid, "quantity": "0"}]}, id=oid)
    check(False, "a zero quantity is refused")
except exceptions.ValidationError as e:
    check("errors" in (e.response_data or {}), "a zero quantity is a 422 with Distru's errors")

print(f"distru-sdk 1.0.2: all {checks} checks passed")
