"""Entry point: ``streamlit run app.py``.

Started by the server, this module is the ASGI app (``st.App``): Streamlit plus the
sign-in cookie routes (:mod:`cxmaturity.ui.routes`) and the page's server address
(:mod:`cxmaturity.ui.base_url`); it prints the one-time setup code
while the server has no account. Run as the page script (each rerun), it sets the page
up and runs the navigation, nothing else.
"""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx() is None:  # imported by the server: the app and its routes
    import gc

    from starlette.middleware import Middleware

    import cxmaturity.ui.shell  # noqa: F401  (the pages and what they import, once)
    from cxmaturity.ui.base_url import ServerAddress, server_base_path
    from cxmaturity.ui.routes import ROUTES, announce_setup_code

    # Pages opened by their address find the server at once (cxmaturity/ui/base_url.py).
    middleware = [Middleware(ServerAddress, base_path=server_base_path)]
    app = st.App(__file__, routes=ROUTES, middleware=middleware)
    announce_setup_code()
    gc.freeze()  # what is alive now lives as long as the server: no collection walks it
else:  # a run of the page script
    from cxmaturity.ui.errors import boundary
    from cxmaturity.ui.shell import run

    st.set_page_config(page_title="cxmaturity", page_icon=":material/insights:", layout="wide")
    with boundary():  # no traceback for anyone: a message with an error id, logged
        run()
