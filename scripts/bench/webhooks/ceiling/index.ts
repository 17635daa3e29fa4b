// The webhook bench's ceiling: a bare Worker that reads the request body and answers 200, nothing else, run by
// the same wrangler dev / workerd as Fio, so the difference between the two is what Fio does per webhook.
export default {
  async fetch(request: Request): Promise<Response> {
    await request.arrayBuffer();
    return new Response(null, { status: 200 });
  },
};
