"""Three LIK Takaru neighbours who can serve REQ-2027-002 only together.

REQ-2027-002 asks for 50,000 pcs/month of a pin that needs CNC turning, milling and chrome
plating. No workshop in the demo makes more than PCS_CEILING (45,000) pieces a
month, so no single supplier has the volume. These three members of Koperasi Logam Takaru
do, by construction: turning 30,000 + 25,000, milling 30,000 + 25,000, chrome 25,000 + 30,000.
They are written out in full so the story is easy to check by eye.
"""

from __future__ import annotations

from demodata.places import TAKARU, TAKARU_COOPERATIVE
from demodata.suppliers import DemoSupplier


def consortium_members() -> list[DemoSupplier]:
    """The designed group; ids are assigned later with everyone else's."""
    return [
        DemoSupplier(
            supplier_id="",
            name="CV Karya Presisi Takaru",
            regency="Kab. Tegal",
            regency_text="Kab. Tegal",
            trade="machining",
            processes=[("CNC turning", "bubut CNC"), ("milling", "frais CNC"), ("drilling", "bor")],
            materials=["S45C", "besi as", "ST37"],
            kbli=["25920"],
            products="pin, bushing dan as untuk komponen motor; sub-kon AHM lewat koperasi",
            certificates=[("ISO 9001", "ISO 9001:2015|2028-03-31"), ("TKDN", "TKDN 40%")],
            monthly_capacity=30_000,
            capacity_unit="pcs",
            capacity_text="30.000",
            employees=38,
            machines=21,
            lat=-6.91602,
            lon=109.13811,
            cluster=TAKARU,
            partners=["YDBA", "AHM"],
            tier=3,
            cooperative=TAKARU_COOPERATIVE,
            email="karyapresisitakaru@example.com",
            phone="+62 812-2870-4415",
        ),
        DemoSupplier(
            supplier_id="",
            name="Bengkel Bubut Sumber Rejeki",
            regency="Kab. Tegal",
            regency_text="Kab. Tegal",
            trade="machining",
            processes=[
                ("turning", "bubut manual"),
                ("CNC turning", "bubut CNC"),
                ("milling", "fris"),
                ("chrome plating", "krom"),
            ],
            materials=["S45C", "besi as"],
            kbli=["25920"],
            products="as, pin, baut khusus; krom sendiri untuk pesanan kecil",
            certificates=[("SNI", "SNI")],
            monthly_capacity=25_000,
            capacity_unit="pcs",
            capacity_text="25000",
            employees=22,
            machines=14,
            lat=-6.91128,
            lon=109.12905,
            cluster=TAKARU,
            partners=["YDBA"],
            cooperative=TAKARU_COOPERATIVE,
            email="sumberrejekibubut@example.net",
            phone="0857-4211-0938",
            separator="; ",
        ),
        DemoSupplier(
            supplier_id="",
            name="UD Krom Jaya Talang",
            regency="Kab. Tegal",
            regency_text="Kab. Tegal",
            trade="plating",
            processes=[
                ("chrome plating", "krom nikel"),
                ("chrome plating", "hard chrome"),
                ("polishing", "poles"),
            ],
            materials=["baja karbon", "besi as", "kuningan"],
            kbli=["25920"],
            products="krom keras as shock & pin, krom nikel aksesori motor",
            certificates=[],
            monthly_capacity=30_000,
            capacity_unit="pcs",
            capacity_text="30,000",
            employees=17,
            machines=6,
            lat=-6.92037,
            lon=109.14166,
            cluster=TAKARU,
            partners=["Astra Otoparts"],
            tier=3,
            cooperative=TAKARU_COOPERATIVE,
            email="kromjayatalang@example.org",
            phone="(0283) 352614",
        ),
    ]
