"""Enrolment of a device, and certificates for counsellors added later."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from spie_protocol.endpoints import CERTIFICATES, CRL, DEVICE, ENROLL
from spie_protocol.messages import (
    CounsellorCsr,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    IssuedCertificate,
)
from spie_protocol.version import PROTOCOL_VERSION
from spie_server.client_address import client_address
from spie_server.errors import ApiError
from spie_server.logs import log_event
from spie_server.models import Device as DeviceRow
from spie_server.models import Territory
from spie_server.routing import route
from spie_server.territory.auth import Device
from spie_server.territory.certificates import issue_later
from spie_server.territory.crl import territory_crl
from spie_server.territory.enrolment import enrol
from spie_server.transactions import in_transaction

router = APIRouter(tags=["enrolment"])


@route(router, ENROLL, responses={429: {}, 404: {}, 409: {}, 410: {}})
def enroll(body: EnrolRequest, request: Request) -> EnrolResponse:
    """Exchange a one-time enrolment code (and one CSR per counsellor) for a device token."""
    client = client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for"),
        request.app.state.trusted_proxies,
    )
    wait = request.app.state.enrol_limiter.take(client)
    if wait > 0:
        raise ApiError(
            429,
            "rate_limited",
            "too many enrolment attempts from this address; try again later",
            headers={"Retry-After": str(max(1, round(wait)))},
        )
    secret = request.app.state.secret()
    done = in_transaction(request.app.state.engine, lambda s: enrol(s, body, secret))
    log_event(
        "device_enrolled",
        device_id=str(done.device.id),
        territory=done.territory.code,
        certificates=len(done.certificates),
    )
    return EnrolResponse(
        device_id=done.device.id,
        token=done.token,
        territory=done.territory.code,
        territory_name=done.territory.name,
        structure=done.device.structure,
        ca_certificate_pem=done.territory.ca_cert_pem,
        certificates=[
            IssuedCertificate(account_id=a, certificate_pem=pem) for a, pem in done.certificates
        ],
        protocol_version=PROTOCOL_VERSION,
    )


@route(router, CERTIFICATES, responses={409: {}, 422: {}})
def certificate(body: CounsellorCsr, device: Device, request: Request) -> IssuedCertificate:
    """A certificate for a counsellor account added to the device after its enrolment."""
    secret = request.app.state.secret()

    def issue(session: Session) -> str:
        return issue_later(session, session.get_one(DeviceRow, device.id), body, secret)

    pem = in_transaction(request.app.state.engine, issue)
    log_event("certificate_issued", device_id=str(device.id))
    return IssuedCertificate(account_id=body.account_id, certificate_pem=pem)


@route(router, CRL)
def crl(device: Device, request: Request) -> Response:
    """The territory's certificate revocation list (DER), signed by its CA."""
    secret = request.app.state.secret()

    def make(session: Session) -> bytes:
        return territory_crl(session, session.get_one(Territory, device.territory_id), secret)

    body = in_transaction(request.app.state.engine, make)
    return Response(body, media_type=CRL.media_type)


@route(router, DEVICE)
def device_info(device: Device) -> DeviceInfo:
    """Who the server thinks this device is (a cheap way to check the token still works)."""
    return DeviceInfo(
        device_id=device.id,
        territory=device.territory_code,
        structure=device.structure,
        enrolled_at=device.enrolled_at,
        protocol_version=PROTOCOL_VERSION,
    )
