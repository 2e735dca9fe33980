"""DRF's content negotiation, with the Accept header read from the request's META.

DRF reads it through `request.headers`, which builds a mapping of every header of the request
for this one value; on the dossier API that was a noticeable share of a read's own work (issue
19). The header is the same one (`HTTP_ACCEPT` is where `request.headers` finds it), and DRF's
own code does everything else: its limits on length and tokens, the matching, the 406."""

from rest_framework.negotiation import DefaultContentNegotiation

from doorbraak.config.middleware import met_alleen_kop


class Onderhandeling(DefaultContentNegotiation):
    def get_accept_list(self, request):
        return super().get_accept_list(met_alleen_kop(request, "Accept"))
